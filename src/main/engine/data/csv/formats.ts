/**
 * The tick CSV formats we read (see shared/VENDOR-FORMATS.md), how to tell them apart from the
 * first line, and how a header maps columns to roles.
 */
export type TickFormat = 'generic' | 'dukascopy' | 'histdata' | 'truefx';

/** How the timestamp column is written. */
export type TimeSyntax = 'epoch-or-iso' | 'day-first' | 'histdata' | 'truefx';

// Column roles. Volume units are kept as the file gives them (millions for Dukascopy FX exports).
export const ROLE_TS = 1;
export const ROLE_BID = 2;
export const ROLE_ASK = 3;
export const ROLE_BID_VOL = 4;
export const ROLE_ASK_VOL = 5;
/** A volume column that is checked but not kept (HistData's is always 0). */
export const ROLE_DROPPED_VOL = 6;
/** TrueFX's `EUR/USD` column: must stay the same through the file. */
export const ROLE_PAIR = 7;

export interface CsvLayout {
  format: TickFormat;
  hasHeader: boolean;
  /** Role of each column, in file order. */
  roles: number[];
  /** Column names for messages: the header's own spelling where there is one. */
  names: string[];
  time: TimeSyntax;
  /** Dukascopy `Local time`: every row must carry its `GMT±hhmm` offset. */
  offsetRequired: boolean;
  hasVolumes: boolean;
}

export const TIME_SYNTAX_TEXT: Record<TimeSyntax, string> = {
  'epoch-or-iso': 'epoch milliseconds or ISO-8601 UTC like 2024-01-02T03:04:05.678Z',
  'day-first': 'dd.MM.yyyy HH:mm:ss.SSS',
  histdata: 'YYYYMMDD HHMMSSNNN',
  truefx: 'YYYYMMDD HH:MM:SS.mmm',
};

const GENERIC_NAMES: Record<string, number> = {
  timestamp: ROLE_TS,
  bid: ROLE_BID,
  ask: ROLE_ASK,
  bid_volume: ROLE_BID_VOL,
  ask_volume: ROLE_ASK_VOL,
};
const DUKASCOPY_NAMES: Record<string, number> = {
  timestamp: ROLE_TS, // dukascopy-node CLI
  askprice: ROLE_ASK,
  bidprice: ROLE_BID,
  askvolume: ROLE_ASK_VOL,
  bidvolume: ROLE_BID_VOL,
  'gmt time': ROLE_TS, // web / JForex export
  'local time': ROLE_TS,
  ask: ROLE_ASK,
  bid: ROLE_BID,
};
export const EXPECTED_HEADER: Record<TickFormat, string> = {
  generic: 'timestamp,bid,ask[,bid_volume,ask_volume]',
  dukascopy:
    'timestamp,askPrice,bidPrice[,askVolume,bidVolume] or Gmt time|Local time,Ask,Bid[,AskVolume,BidVolume]',
  histdata: 'no header',
  truefx: 'no header',
};

export function splitFields(line: string): string[] {
  return line.split(',').map((f) => f.trim());
}

/** A header has no field that starts like a number (TrueFX's `EUR/USD` rows still have prices). */
export function looksLikeHeader(fields: string[]): boolean {
  return fields.every((f) => !/^[-+.\d]/.test(f));
}

export function hasHeader(format: TickFormat): boolean {
  return format === 'generic' || format === 'dukascopy';
}

/**
 * Which format a file is in, from its first lines (BOM already stripped). Throws an Error with a
 * readable reason when no format fits.
 */
export function detectTickFormat(firstLines: string[]): TickFormat {
  const line = (firstLines.find((l) => l.trim() !== '') ?? '')
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '');
  if (line === '') throw new Error('cannot detect the tick format: no non-blank line');
  const fields = splitFields(line);
  const lower = fields.map((f) => f.toLowerCase());
  if (looksLikeHeader(fields)) {
    if (lower[0] === 'gmt time' || lower[0] === 'local time') return 'dukascopy';
    if (lower.includes('askprice') || lower.includes('bidprice')) return 'dukascopy';
    if (/^time \(/.test(lower[0])) {
      throw new Error(
        `"${fields[0]}" exports (JForex desktop) are not supported: their time zone is a platform setting ` +
          'and may or may not include summer time; export with "Gmt time" instead',
      );
    }
    if (lower.includes('timestamp') && lower.includes('bid') && lower.includes('ask'))
      return 'generic';
    throw new Error(`cannot detect the tick format from the header "${clip(line)}"`);
  }
  if (fields.length === 4 && /^\d{8} \d{6}(\d{3})?$/.test(fields[0])) return 'histdata';
  if (/^[A-Za-z]{3}\/[A-Za-z]{3}$/.test(fields[0]) && /^\d{8} \d\d:\d\d:\d\d/.test(fields[1] ?? ''))
    return 'truefx';
  throw new Error(
    `cannot detect the tick format from the first line "${clip(line)}" ` +
      '(a generic file needs the header timestamp,bid,ask[,bid_volume,ask_volume])',
  );
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

/** The layout of a headerless format. */
export function fixedLayout(format: 'histdata' | 'truefx'): CsvLayout {
  if (format === 'histdata') {
    return {
      format,
      hasHeader: false,
      roles: [ROLE_TS, ROLE_BID, ROLE_ASK, ROLE_DROPPED_VOL],
      names: ['datetime', 'bid', 'ask', 'volume'],
      time: 'histdata',
      offsetRequired: false,
      hasVolumes: false,
    };
  }
  return {
    format,
    hasHeader: false,
    roles: [ROLE_PAIR, ROLE_TS, ROLE_BID, ROLE_ASK],
    names: ['pair', 'datetime', 'bid', 'ask'],
    time: 'truefx',
    offsetRequired: false,
    hasVolumes: false,
  };
}

/** The layout a header gives; throws an Error naming what is wrong with the header. */
export function headerLayout(format: 'generic' | 'dukascopy', fields: string[]): CsvLayout {
  const known = format === 'generic' ? GENERIC_NAMES : DUKASCOPY_NAMES;
  const roles: number[] = [];
  const seen = new Set<number>();
  for (const f of fields) {
    const role = Object.hasOwn(known, f.toLowerCase()) ? known[f.toLowerCase()] : 0;
    if (role === 0)
      throw new Error(
        `unknown column "${f}" in the ${format} header; expected ${EXPECTED_HEADER[format]}`,
      );
    if (seen.has(role)) throw new Error(`column "${f}" appears twice in the header`);
    seen.add(role);
    roles.push(role);
  }
  for (const [role, what] of [
    [ROLE_TS, 'timestamp'],
    [ROLE_BID, 'bid'],
    [ROLE_ASK, 'ask'],
  ] as const) {
    if (!seen.has(role))
      throw new Error(`the header has no ${what} column; expected ${EXPECTED_HEADER[format]}`);
  }
  if (seen.has(ROLE_BID_VOL) !== seen.has(ROLE_ASK_VOL)) {
    throw new Error('the header has a volume column for one side only; give both or neither');
  }
  const tsName = fields[roles.indexOf(ROLE_TS)].toLowerCase();
  return {
    format,
    hasHeader: true,
    roles,
    names: fields,
    time: tsName === 'timestamp' ? 'epoch-or-iso' : 'day-first',
    offsetRequired: tsName === 'local time',
    hasVolumes: seen.has(ROLE_BID_VOL),
  };
}
