/**
 * Dates as the app writes them everywhere: YYYY-MM-DD (UTC). A shape check alone would let
 * 2024-02-30 through to the backend; this checks the day exists.
 */

export const ISO_DATE_PATTERN = '\\d{4}-\\d{2}-\\d{2}';
const SHAPE = new RegExp(`^${ISO_DATE_PATTERN}$`);

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!SHAPE.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  // Date.parse rolls nothing over for this shape but rejects months/days out of range (NaN);
  // writing it back catches the rest (e.g. 2023-02-29 parses as 2023-03-01 on some engines).
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}
