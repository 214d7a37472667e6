export { detectTickFormat, type TickFormat } from './formats.ts';
export { readTickCsv, type ReadTickCsvOptions } from './read-tick-csv.ts';
export { TickCsvError } from './tick-csv-error.ts';
