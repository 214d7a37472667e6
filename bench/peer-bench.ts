import v8 from 'node:v8';
import zlib from 'node:zlib';
import { compress } from 'zstd-napi';
import { ByteWriter } from '../src/main/engine/persist/byte-writer.ts';
import { encodePlainWith } from '../src/main/engine/persist/plain-codec.ts';
import { encodeBtck } from '../src/main/services/checkpoints/btck/index.ts';
import {
  CHECKPOINT_FORMAT_VERSION,
  type CheckpointData,
} from '../src/main/services/checkpoints/checkpoint-data.ts';
import {
  payloadFromHandoff,
  serializeForWriter,
} from '../src/main/services/checkpoints/checkpoint-handoff.ts';
import { round3, timeInTurns } from './stats.ts';

/**
 * Enough turns for the allocator and the JIT to settle: the first ~20 serializations of a large
 * state ran 10-30 times slower than the rest on the development machine.
 */
const REPEATS = 100;

/**
 * Ours against the obvious alternatives, on one checkpoint object (the typical run's newest).
 * `pause` is what each approach costs the engine thread when, like ours, it hands the work to
 * another thread as soon as it holds a private copy: ours and v8 pay v8.serialize, JSON pays
 * JSON.stringify. `cpu` is the whole encoding (pause + the writer's work), `bytes` what lands on
 * disk. JSON is not even exact (NaN becomes null); it is here as the everyday baseline.
 * `plain_engine_thread` is how checkpoints were encoded before: the plain codec on the engine
 * thread.
 */
export function benchPeers(data: CheckpointData, level: number): Record<string, number> {
  const writer = new ByteWriter(1 << 20);
  const btck = (payload: Uint8Array) =>
    encodeBtck(payload, { version: CHECKPOINT_FORMAT_VERSION, createdAt: 0, level });

  const handoff = serializeForWriter(data);
  const v8Bytes = v8.serialize(data);
  const [oursPause, v8Pause, plainEngineThread, oursWriter, zstd] = timeInTurns(
    [
      () => serializeForWriter(data),
      () => v8.serialize(data),
      () => encodePlainWith(writer, data),
      () => btck(payloadFromHandoff(handoff, writer)),
      () => compress(v8Bytes, { compressionLevel: level }),
    ],
    REPEATS,
    10,
  );
  const oursBytes = btck(payloadFromHandoff(handoff, writer)).length;

  const json = JSON.stringify(data);
  const [jsonPause, gzip] = timeInTurns(
    [() => JSON.stringify(data), () => zlib.gzipSync(json)],
    5,
    1,
  );
  const jsonBytes = zlib.gzipSync(json).length;

  return {
    peer_ours_pause_ms: round3(oursPause),
    peer_ours_cpu_ms: round3(oursPause + oursWriter),
    peer_ours_bytes: oursBytes,
    peer_plain_engine_thread_pause_ms: round3(plainEngineThread),
    peer_json_gzip_pause_ms: round3(jsonPause),
    peer_json_gzip_cpu_ms: round3(jsonPause + gzip),
    peer_json_gzip_bytes: jsonBytes,
    peer_v8_zstd_pause_ms: round3(v8Pause),
    peer_v8_zstd_cpu_ms: round3(v8Pause + zstd),
    peer_v8_zstd_bytes: compress(v8Bytes, { compressionLevel: level }).length,
    // Targets: ≥ 10 (JSON) and ≤ 2 (v8.serialize).
    peer_json_over_ours_pause: round3(jsonPause / oursPause),
    peer_ours_over_v8_pause: round3(oursPause / v8Pause),
  };
}
