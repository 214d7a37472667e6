#!/usr/bin/env node
// The CLI runs the TypeScript sources directly: Node 24 strips the types itself.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(
    `backtestr needs Node.js 24 or newer (this is ${process.version}); see .nvmrc\n`,
  );
  process.exit(1);
}
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
