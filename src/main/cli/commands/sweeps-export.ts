import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeSweepExport } from '../../services/sweeps/sweep-export.ts';
import { readSweep } from '../../services/sweeps/sweep-service.ts';
import type { CliContext } from '../context.ts';
import { UsageError } from '../usage.ts';

/**
 * `backtestr sweeps export ID --out DIR [--json]`: jobs.csv, best.json and, for a walk-forward
 * sweep, oos_equity.csv (services/sweeps/sweep-export.ts), all appearing at once. A sweep that
 * has not finished exports the jobs it has so far; stderr says so, since its best may change.
 */
export async function sweepsExportCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('sweeps export needs exactly one SWEEP_ID');
  if (!values.out) throw new UsageError('sweeps export needs --out DIR');
  const id = positionals[0]!;
  const detail = readSweep(ctx.db, id);
  if (!detail) throw new Error(`no sweep '${id}' (backtestr sweeps list shows the sweeps)`);
  if (detail.status !== 'completed')
    ctx.err(
      `sweep ${id} is ${detail.status} (${detail.jobsDone} of ${detail.jobsTotal} jobs done): ` +
        'the export holds its jobs so far; backtestr sweeps resume finishes it',
    );
  const files = writeSweepExport(ctx.db, detail, values.out);
  const dir = path.resolve(values.out);
  if (values.json) ctx.out(JSON.stringify({ sweepId: id, dir, files }));
  else ctx.out(`wrote ${files.join(', ')} to ${values.out}`);
  return 0;
}
