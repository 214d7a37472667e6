import { CHECKPOINT_FORMAT_VERSION, type CheckpointData } from './checkpoint-data.ts';

/**
 * Upgrades from older checkpoint formats: MIGRATIONS[v] turns version-v data into version v+1.
 * When CHECKPOINT_FORMAT_VERSION is bumped, add the step from the previous version here, so
 * checkpoints of runs started by an older BackTestr stay resumable. The committed fixture
 * test/fixtures/checkpoints/v1 is read through this path on every test run.
 */
const MIGRATIONS: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = {};

export function migrateCheckpoint(version: number, data: unknown): CheckpointData {
  let d = data as Record<string, unknown>;
  for (let v = version; v < CHECKPOINT_FORMAT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no migration from checkpoint format ${v} to ${v + 1}`);
    d = step(d);
    d.formatVersion = v + 1;
  }
  return d as unknown as CheckpointData;
}
