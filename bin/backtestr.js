#!/usr/bin/env node
// The CLI runs the TypeScript sources directly: Node 24 strips the types itself. An older Node
// hands over to the Node 24 in node_modules (see node24.js).
import { fileURLToPath } from 'node:url';
import { enableCompileCache } from './compile-cache.js';
import { ensureNode24 } from './node24.js';

await ensureNode24(fileURLToPath(import.meta.url));
enableCompileCache();

// `backtestr runs list | head`: a closed pipe ends the output quietly, like other Unix tools.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
