/**
 * Outputs a run can store (`--record`, the New backtest form's checkboxes). One list for the
 * CLI, the IPC contract and the services; the engine computes all of them either way.
 */
export const RECORD_KINDS = ['bars', 'trades', 'equity'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
