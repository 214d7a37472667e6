#!/usr/bin/env node
// The CLI runs the TypeScript sources directly: Node 24 strips the types itself.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(
    `backtestr needs Node.js 24 or newer (this is ${process.version}); see .nvmrc\n`,
  );
  process.exit(1);
}
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
