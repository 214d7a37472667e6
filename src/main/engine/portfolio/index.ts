export { DEFAULT_GAP_MS } from './config.ts';
export type { ExposureState } from './exposure-clock.ts';
export { OrderError } from './order-validation.ts';
export { Portfolio, type PortfolioState } from './portfolio.ts';
export type * from './types.ts';
