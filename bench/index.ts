/**
 * `npm run bench` prints a table; `npm run bench -- --json` (or `npm run bench --json`, which npm
 * hands over as npm_config_json) prints one JSON object. A benchmark, never a test: figures are
 * medians of several runs measured here and now, and nothing fails on a slow machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCheckpoints } from './checkpoint-bench.ts';
import { benchEngine } from './engine-bench.ts';

const json = process.argv.includes('--json') || process.env.npm_config_json === 'true';
const log = (s: string) => process.stderr.write(s + '\n');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-bench-'));
try {
  const results: Record<string, number> = {};
  Object.assign(results, await benchEngine(dir, log));
  Object.assign(results, await benchCheckpoints(dir, log));
  if (json) {
    process.stdout.write(JSON.stringify(results) + '\n');
  } else {
    const width = Math.max(...Object.keys(results).map((k) => k.length));
    for (const [k, v] of Object.entries(results)) {
      process.stdout.write(`${k.padEnd(width)}  ${Number.isInteger(v) ? v : v.toFixed(3)}\n`);
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
