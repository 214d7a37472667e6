import fs from 'node:fs';

/** JavaScript's shortest round-trip form; an empty cell where there is no value (NaN). */
export function formatNumber(x: number): string {
  return Number.isNaN(x) ? '' : String(x);
}

/** A text cell: quoted (RFC 4180, quotes doubled) when it holds a comma, quote or line break. */
export function csvText(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Writes a CSV from rows produced lazily (rows may come straight from a SQLite iterator), in
 * 64 KB writes, and fsyncs it: it is renamed into place next, and a rename that reaches the disk
 * before the data would publish a torn file after a power cut. Cells are written as given:
 * callers format numbers with formatNumber.
 */
export function writeCsv(
  file: string,
  header: readonly string[],
  rows: Iterable<readonly string[]>,
): void {
  const fd = fs.openSync(file, 'w');
  try {
    let buf = header.join(',') + '\n';
    for (const cells of rows) {
      buf += cells.join(',') + '\n';
      if (buf.length > 1 << 16) {
        fs.writeSync(fd, buf);
        buf = '';
      }
    }
    fs.writeSync(fd, buf);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** writeFileSync, fsynced (see writeCsv). */
export function writeFileSynced(file: string, text: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
