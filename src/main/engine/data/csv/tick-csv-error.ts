/** A malformed tick CSV: which file, which 1-based line, and what is wrong with it. */
export class TickCsvError extends Error {
  readonly file: string;
  readonly line: number;
  readonly reason: string;

  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'TickCsvError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}
