/**
 * `backtestr data spec SYMBOL [change flags] [--reset] [--json]`: shows a symbol's specification
 * (stored or the default, saying which) or changes it. A change is merged onto the spec in effect
 * and checked whole before anything is stored; a mistake names the flag that caused it.
 */
import { parseArgs } from 'node:util';
import { symbolSpecProblems, type SymbolSpecPatch } from '../../../shared/symbol-spec-rules.ts';
import { WEEKDAYS, type SymbolSpec } from '../../../shared/symbol-spec.ts';
import {
  resetSymbolSpec,
  saveSymbolSpec,
  symbolSpecEntry,
  type SymbolSpecEntry,
} from '../../services/ticks/symbol-specs.ts';
import { checkSymbolName } from '../../services/ticks/symbol-name.ts';
import type { CliContext } from '../context.ts';
import { oneOf, parseInteger, parseNumber } from '../options.ts';
import { UsageError } from '../usage.ts';

/** Each change flag and the spec field it sets. */
const FLAG_OF: Record<keyof SymbolSpec, string> = {
  digits: 'digits',
  pipSize: 'pip',
  contractSize: 'contract',
  base: 'base',
  quote: 'quote',
  swapLong: 'swap-long',
  swapShort: 'swap-short',
  swapMode: 'swap-mode',
  tripleSwapDay: 'triple-swap-day',
  marginRate: 'margin-rate',
};

const OPTIONS = {
  ...Object.fromEntries(Object.values(FLAG_OF).map((f) => [f, { type: 'string' as const }])),
  reset: { type: 'boolean' as const, default: false },
  json: { type: 'boolean' as const, default: false },
};

export function dataSpec(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args: joinNegativeValues(args),
    allowPositionals: true,
    options: OPTIONS,
  });
  if (positionals.length !== 1) throw new UsageError('data spec needs exactly one SYMBOL');
  const symbol = checkSymbolName(positionals[0]);
  const patch = patchOf(values as unknown as Record<string, string | undefined>);
  let entry: SymbolSpecEntry;
  if (values.reset) entry = resetSymbolSpec(ctx.db, symbol);
  else entry = symbolSpecEntry(ctx.db, symbol);
  if (Object.keys(patch).length > 0) {
    // Checked here too, so the message names the flag rather than the field.
    const problems = symbolSpecProblems({ ...entry.spec, ...patch });
    if (problems.length > 0) {
      // A pip below the point may come from --digits alone: name the flag that was given.
      const flagOf = (field: keyof SymbolSpec): string =>
        field === 'pipSize' && patch.pipSize === undefined ? 'digits' : FLAG_OF[field];
      throw new UsageError(problems.map((p) => `--${flagOf(p.field)}: ${p.message}`).join('; '));
    }
    entry = saveSymbolSpec(ctx.db, symbol, patch);
  }
  if (values.json) ctx.out(JSON.stringify({ symbol, edited: entry.edited, ...entry.spec }));
  else for (const line of describeSpec(entry)) ctx.out(line);
  return 0;
}

/**
 * Swaps are usually negative, and node's parseArgs takes `--swap-long -3.2` for two flags: a
 * value flag followed by a negative number is read as `--swap-long=-3.2`.
 */
function joinNegativeValues(args: string[]): string[] {
  const valued = new Set(Object.values(FLAG_OF).map((f) => `--${f}`));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (valued.has(args[i]) && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

function patchOf(values: Record<string, string | undefined>): SymbolSpecPatch {
  const patch: Record<string, unknown> = {};
  const set = (field: keyof SymbolSpec, parse: (flag: string, v: string) => unknown): void => {
    const flag = FLAG_OF[field];
    const v = values[flag];
    if (v !== undefined) patch[field] = parse(flag, v);
  };
  set('digits', (f, v) => parseInteger(f, v, 0, 10));
  set('pipSize', parseNumber);
  set('contractSize', parseNumber);
  set('base', (_f, v) => v.toUpperCase());
  set('quote', (_f, v) => v.toUpperCase());
  set('swapLong', parseNumber);
  set('swapShort', parseNumber);
  set('swapMode', (f, v) => oneOf(f, v, ['points', 'money'] as const));
  set('tripleSwapDay', (f, v) => WEEKDAYS.indexOf(oneOf(f, v.toLowerCase(), WEEKDAYS)));
  set('marginRate', parseNumber);
  return patch as SymbolSpecPatch;
}

function describeSpec(e: SymbolSpecEntry): string[] {
  const s = e.spec;
  const swapUnit = s.swapMode === 'points' ? 'points' : 'account currency';
  return [
    `${e.symbol}: ${e.edited ? 'stored specification (edited)' : 'default specification (not edited)'}`,
    `  digits           ${s.digits} (one point = ${(10 ** -s.digits).toFixed(s.digits)})`,
    `  pip size         ${s.pipSize}`,
    `  contract size    ${s.contractSize} ${s.base} per lot`,
    `  base / quote     ${s.base} / ${s.quote}`,
    `  swap long        ${s.swapLong} ${swapUnit} per lot a night`,
    `  swap short       ${s.swapShort} ${swapUnit} per lot a night`,
    `  triple swap day  ${WEEKDAYS[s.tripleSwapDay]}`,
    `  margin rate      ${s.marginRate}`,
  ];
}
