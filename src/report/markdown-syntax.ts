/**
 * Plain text for a GFM table cell. Markdown punctuation is escaped so that
 * catalogue values render as written and cannot open HTML such as
 * `</details>`; line breaks become `<br>` because a cell is one line.
 */
export function escapeCell(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&]/g, (char) => `\\${char}`)
    .replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * An inline code span for a table cell. The fence is one backtick longer
 * than any run inside, and `\|` is still needed: GFM splits cells before
 * it parses code spans.
 */
export function codeCell(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ').replaceAll('|', '\\|');
  if (flat === '') return '';
  const longest = Math.max(
    0,
    ...(flat.match(/`+/g) ?? []).map((r) => r.length),
  );
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Text inside raw HTML such as `<summary>`, where Markdown is not parsed. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Rows per table; keeps a PR comment under GitHub's size limit. */
export const MARKDOWN_ROW_LIMIT = 200;

/** A GFM table; `rows` are already escaped cells. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join(
    '\n',
  );
}
