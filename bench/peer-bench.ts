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
import { round3, timeMs } from './stats.ts';

const REPEATS = 20;

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

  const oursPause = timeMs(() => serializeForWriter(data), REPEATS);
  const handoff = serializeForWriter(data);
  const oursWriter = timeMs(() => btck(payloadFromHandoff(handoff, writer)), REPEATS);
  const oursBytes = btck(payloadFromHandoff(handoff, writer)).length;
  const plainEngineThread = timeMs(() => encodePlainWith(writer, data), REPEATS);

  const jsonPause = timeMs(() => JSON.stringify(data), 5, 1);
  const json = JSON.stringify(data);
  const gzip = timeMs(() => zlib.gzipSync(json), 5, 1);
  const jsonBytes = zlib.gzipSync(json).length;

  const v8Pause = timeMs(() => v8.serialize(data), REPEATS);
  const v8Bytes = v8.serialize(data);
  const zstd = timeMs(() => compress(v8Bytes, { compressionLevel: level }), REPEATS);

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
