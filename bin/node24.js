// The CLI runs its TypeScript sources directly, which needs Node 24 (it strips the types). On an
// older Node, e.g. a machine whose system Node is 20, hand the command over to the Node 24 that
// `npm install` puts in node_modules (the `node` dev dependency), so that `node bin/backtestr.js`
// and `npx backtestr` work as the README says whatever Node the machine has.
//
// Plain JavaScript that Node 18+ can parse: this file runs before we know which Node we are on.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const MIN_NODE_MAJOR = 24;
/** Set in the child: a handed-over process that is still too old must not hand over again. */
const HANDED_OVER = 'BACKTESTR_HANDED_OVER_FROM';
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGUSR1', 'SIGUSR2', 'SIGHUP'];

/** The Node binary of the `node` dev dependency under `root`, or null when it is not installed. */
export function bundledNode(root) {
  const exe = path.join(
    root,
    'node_modules',
    'node',
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  return existsSync(exe) ? exe : null;
}

/**
 * Returns at once on Node 24 or newer. Otherwise runs `script` with this process's arguments on
 * the bundled Node 24 and ends this process as the child ends (same exit code, or same signal);
 * it never returns then. Exits 1 with a clear message when there is no Node 24 to hand over to.
 */
export async function ensureNode24(script) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= MIN_NODE_MAJOR) return;
  const root = path.resolve(path.dirname(script), '..');
  const node = process.env[HANDED_OVER] ? null : bundledNode(root);
  if (!node) {
    process.stderr.write(
      `backtestr needs Node.js ${MIN_NODE_MAJOR} or newer (this is ${process.version}). ` +
        `Run \`npm install\` in ${root} (it installs Node ${MIN_NODE_MAJOR} into node_modules), ` +
        'or install Node 24 yourself (see .nvmrc).\n',
    );
    process.exit(1);
  }
  await handOver(node, script);
}

function handOver(node, script) {
  // Its own process group on Unix: a terminal's Ctrl-C then reaches only this process, which
  // forwards it once. Were the child in our group it would get SIGINT twice, and a second SIGINT
  // means "exit now, without the pause checkpoint".
  const detached = process.platform !== 'win32';
  const child = spawn(node, [...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    detached,
    env: { ...process.env, [HANDED_OVER]: process.version },
  });
  const forwarders = new Map();
  if (detached) {
    for (const signal of FORWARDED_SIGNALS) {
      const forward = () => child.kill(signal);
      forwarders.set(signal, forward);
      process.on(signal, forward);
    }
  }
  return new Promise(() => {
    child.on('error', (err) => {
      process.stderr.write(`backtestr: cannot start ${node}: ${err.message}\n`);
      process.exit(1);
    });
    child.on('exit', (code, signal) => {
      for (const [s, forward] of forwarders) process.off(s, forward);
      // Die of the same signal, so that a shell or a test sees what the CLI itself did.
      if (signal) process.kill(process.pid, signal);
      else process.exit(code ?? 1);
    });
  });
}
