/**
 * Checkpoint reports for `backtestr checkpoints inspect|diff` and the app's checkpoint browser:
 * pure functions from decoded checkpoints (CheckpointData) to JSON-able reports and their text.
 */
export { inspectCheckpoint, type CheckpointFileInfo, type InspectReport } from './inspect.ts';
export {
  diffCheckpoints,
  CheckpointDiffError,
  TRADES_BASIS,
  type Change,
  type CheckpointPoint,
  type DiffReport,
  type PositionBrief,
} from './diff.ts';
export { formatInspectText } from './format-inspect.ts';
export { formatDiffText } from './format-diff.ts';
export type { FrameView, PartialBarView } from './frames.ts';
export type { PendingOrderView, PortfolioView, PositionView } from './portfolio-view.ts';
export type { Json } from './values.ts';
