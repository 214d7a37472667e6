/**
 * Decodes one hostile file in a process of its own, so a test can watch its memory (or its heap
 * limit) without risking the test runner: `node decode-child.ts FILE` decodes a BTCK file and
 * prints the error reason and how much the resident set grew; `… FILE plain` decodes raw
 * plain-data bytes and prints the error.
 */
import fs from 'node:fs';
import { decodePlain } from '../../../src/main/engine/persist/plain-decode.ts';
import { decodeBtck } from '../../../src/main/services/checkpoints/btck/btck-codec.ts';
import { CorruptCheckpointError } from '../../../src/main/services/checkpoints/btck/errors.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';

const [file, mode] = process.argv.slice(2);
await loadHasher();
const bytes = fs.readFileSync(file!);
const before = process.resourceUsage().maxRSS * 1024;
try {
  if (mode === 'plain') decodePlain(bytes);
  else decodeBtck(bytes, 1);
  console.log(JSON.stringify({ reason: null, error: null }));
} catch (e) {
  const growth = process.resourceUsage().maxRSS * 1024 - before;
  console.log(
    JSON.stringify({
      reason: e instanceof CorruptCheckpointError ? e.reason : null,
      error: (e as Error).message,
      rssGrowthBytes: growth,
    }),
  );
}
