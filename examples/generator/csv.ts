/** RFC 4180 output: quote a field only when it needs it, LF line ends. */
export function csvLine(fields: readonly string[]): string {
  return fields
    .map((f) => (/[",\n\r]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f))
    .join(',');
}

export function csvFile(
  header: readonly string[],
  rows: readonly string[][],
): string {
  return [header, ...rows].map(csvLine).join('\n') + '\n';
}
