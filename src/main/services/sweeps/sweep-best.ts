/**
 * best.json of a sweep's export: which job won and why, for a plain sweep; for a walk-forward one,
 * each window's choice beside the statistics of the stitched out-of-sample curve. Only values that
 * follow from the spec and the results (no ids, no wall times), with sorted keys, so identical
 * sweeps give identical bytes.
 */
import type { SweepDetail, SweepJobInfo } from '../../../shared/sweeps.ts';
import { isoTime } from '../runs/csv-writer.ts';
import { canonicalJson } from '../runs/run-store.ts';
import { objectiveValue } from '../../../shared/sweep-objective.ts';

/** The file's text: pretty JSON, keys sorted at every level, one trailing newline. */
export function bestJsonText(detail: SweepDetail): string {
  // canonicalJson sorts the keys; parsing keeps that order, and the second pass indents it.
  return JSON.stringify(JSON.parse(canonicalJson(bestOf(detail))), null, 2) + '\n';
}

export function bestOf(detail: SweepDetail): object {
  const { objective, minTrades } = detail.spec;
  const jobAt = jobLookup(detail);
  if (!detail.spec.walkForward) {
    // readSweep chose it already (the same rule as the runner's); not chosen a second time here.
    const job = detail.bestJob === null ? undefined : jobAt(detail.bestJob);
    return {
      objective,
      minTrades,
      best: job
        ? {
            index: job.index,
            params: job.params,
            stats: job.stats,
            objective: objectiveValue(job.stats, objective),
          }
        : null,
    };
  }
  // A window's best is the runner's recorded choice (the params its OOS job traded), null while
  // its in-sample jobs are unfinished or when none qualified.
  const windows = [...detail.windows]
    .sort((a, b) => a.window - b.window)
    .map((w) => {
      const best = w.bestJob === null ? undefined : jobAt(w.bestJob);
      const oos = w.oosJob === null ? undefined : jobAt(w.oosJob);
      return {
        window: w.window,
        inSample: { from: isoTime(w.inSample.from), to: isoTime(w.inSample.to) },
        outOfSample: { from: isoTime(w.outOfSample.from), to: isoTime(w.outOfSample.to) },
        bestJob: best?.index ?? null,
        params: best?.params ?? null,
        inSampleStats: best?.stats ?? null,
        outOfSampleStats: oos?.status === 'completed' ? oos.stats : null,
      };
    });
  // readSweep's stitched statistics: stitching streams every out-of-sample equity row, once.
  return { objective, minTrades, windows, outOfSample: detail.oosStats };
}

function jobLookup(detail: SweepDetail): (index: number) => SweepJobInfo {
  const byIndex = new Map(detail.jobs.map((j) => [j.index, j]));
  return (index) => {
    const job = byIndex.get(index);
    if (!job) throw new Error(`sweep ${detail.id} names job ${index}, which it does not have`);
    return job;
  };
}
