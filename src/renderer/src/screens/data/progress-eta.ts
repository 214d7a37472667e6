/**
 * Time left of a job from its progress samples. The rate is the median of the last few
 * sample-to-sample rates: one slow step (a stalled event, a busy machine) or one burst of
 * buffered events does not swing the estimate, as a rate from the last step alone would.
 */
export interface ProgressSample {
  /** When the sample arrived, ms (any monotone clock). */
  at: number;
  /** Done so far, 0..1. */
  fraction: number;
}

/** How many recent rates the median is taken of. */
const WINDOW = 7;

/** Appends a sample, keeping only what the estimate reads. */
export function addSample(samples: ProgressSample[], next: ProgressSample): ProgressSample[] {
  return [...samples, next].slice(-(WINDOW + 1));
}

/** Seconds left, or null until two samples with progress between them have arrived. */
export function secondsLeft(samples: readonly ProgressSample[]): number | null {
  const rates: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const dt = samples[i]!.at - samples[i - 1]!.at;
    const df = samples[i]!.fraction - samples[i - 1]!.fraction;
    if (dt > 0 && df >= 0) rates.push(df / dt);
  }
  if (rates.length === 0) return null;
  rates.sort((a, b) => a - b);
  const mid = rates.length >> 1;
  const rate = rates.length % 2 === 1 ? rates[mid]! : (rates[mid - 1]! + rates[mid]!) / 2;
  if (!(rate > 0)) return null;
  const left = 1 - samples[samples.length - 1]!.fraction;
  return Math.max(0, left / rate / 1000);
}
