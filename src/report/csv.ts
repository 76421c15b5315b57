/**
 * CSV as RFC 4180 writes it: CRLF between records, and a field quoted
 * (its quotes doubled) only when it holds a comma, a quote or a line
 * break, so that spreadsheets and `csv` parsers read the same cells.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A header row and the records, each record ending in CRLF. */
export function renderCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  return [header, ...rows]
    .map((row) => `${row.map(csvField).join(',')}\r\n`)
    .join('');
}
