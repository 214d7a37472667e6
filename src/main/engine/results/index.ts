export { EquityTracker, type EquitySample, type EquityTrackerState } from './equity-tracker.ts';
export { computeStatistics, type Statistics, type StatisticsInput } from './statistics.ts';
