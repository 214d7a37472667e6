/**
 * How a captured checkpoint crosses from the engine thread to the writer thread. Measured on the
 * bench's typical state (1 symbol, 7 timeframes × 6 indicators): the plain codec walks every
 * value in JavaScript (~100-400 ns each; pending rows alone are thousands of small arrays), while
 * v8.serialize does the same walk in C++ and copies typed-array views in bulk. So the engine
 * thread only v8-serializes — which also copies the live buffers the snapshot aliases, so the
 * engine may move on at once — and the writer thread turns that into the canonical plain-codec
 * payload. v8's format never reaches a file: it lives for one message between two threads of
 * the same process, so its dependence on the V8 version does not matter here.
 *
 * The payload is byte-for-byte what encodePlain(data) gives on the engine thread (the codec
 * sorts keys, and v8 round-trips numbers, -0, NaN, undefined, holes and typed arrays exactly);
 * test/checkpoints/writer/handoff.test.ts holds both paths to that.
 */
import v8 from 'node:v8';
import { ByteWriter } from '../../engine/persist/byte-writer.ts';
import { encodePlainWith } from '../../engine/persist/plain-codec.ts';
import type { CheckpointData } from './checkpoint-data.ts';

/** Engine thread: a private copy of the checkpoint in a buffer of its own (transferable). */
export function serializeForWriter(data: CheckpointData): Uint8Array {
  return v8.serialize(data);
}

/**
 * Writer thread: the checkpoint's payload (plain codec) from what serializeForWriter made.
 * `writer` is kept between checkpoints so its buffer is allocated once.
 */
export function payloadFromHandoff(serialized: Uint8Array, writer: ByteWriter): Uint8Array {
  return encodePlainWith(writer, v8.deserialize(serialized));
}
