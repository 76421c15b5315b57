import type { Difference, Explanation } from '../evidence/explain.ts';
import { truncate } from '../errors.ts';
import { createPalette, printable } from './ansi.ts';
import type { Palette } from './ansi.ts';
import { limitItems } from './limit.ts';
import { countOf } from './plural.ts';

/** Differences listed per role; the JSON output has every one. */
export const TEXT_EXPLAIN_DIFFERENCES = 50;

/** Sources named in the reproduced line before `and N more`. */
const SOURCES_NAMED = 3;

/** Characters of a value shown in the table (a digest is 64). */
const VALUE_WIDTH = 40;

const SHA256 = /^[0-9a-f]{64}$/;

export interface ExplainedFile {
  file: string;
  explanation: Explanation;
}

/** Each role's summary and whether its evidence was reproduced. */
export function renderExplainText(
  explained: readonly ExplainedFile[],
  options: { color: boolean },
): string {
  const paint = createPalette(options.color);
  return `${explained.map((e) => renderOne(e, paint)).join('\n\n')}\n`;
}

function renderOne({ file, explanation: x }: ExplainedFile, paint: Palette) {
  const lines = [paint.bold(`${printable(x.role)} (${printable(file)})`)];
  lines.push(...x.summary.map((s) => `  ${printable(s.text)}`), '');
  const [first = '', ...rest] = x.notes;
  const notes = x.reproduced === null ? rest : x.notes;
  if (x.reproduced === null) {
    lines.push(`  ${paint.yellow(printable(first))}`);
  } else if (x.reproduced) {
    lines.push(
      `  ${paint.green('Reproduced:')} all ${countOf(x.compared, 'statistic')} match the evidence (${dataOf(x)}).`,
    );
  } else {
    lines.push(
      `  ${paint.red('Not reproduced:')} ${countOf(x.differences.length, 'difference')} from the evidence; read now: ${dataOf(x)}.`,
      ...renderTable(x.differences, paint),
    );
  }
  if (notes.length > 0) {
    lines.push('  Notes:', ...notes.map((n) => `    - ${printable(n)}`));
  }
  return lines.join('\n');
}

function dataOf(x: Explanation): string {
  const files = x.data.sources.map((s) => printable(s.file));
  const { shown, omitted } = limitItems(files, SOURCES_NAMED);
  const sources =
    files.length === 0
      ? 'no sources'
      : `${files.length === 1 ? 'source' : 'sources'} ${shown.join(', ')}${omitted > 0 ? ` and ${omitted} more` : ''}`;
  return `data of ${x.data.date}, ${sources}`;
}

function renderTable(differences: readonly Difference[], paint: Palette) {
  const { shown, omitted } = limitItems(differences, TEXT_EXPLAIN_DIFFERENCES);
  const rows = [
    ['path', 'recorded', 'now'],
    ...shown.map((d) =>
      [d.path, valueOf(d.recorded), valueOf(d.now)].map(printable),
    ),
  ];
  const widths = [0, 1].map((column) =>
    Math.max(...rows.map((cells) => cells[column]?.length ?? 0)),
  );
  const line = ([path = '', recorded = '', now = '']: string[]) =>
    `    ${path.padEnd(widths[0] ?? 0)}  ${recorded.padEnd(widths[1] ?? 0)}  ${now}`;
  const [header = [], ...body] = rows;
  const out = [paint.dim(line(header))];
  body.forEach((cells, k) => {
    const note = shown[k]?.note;
    const row = line(cells).trimEnd();
    out.push(
      note === undefined ? row : `${row}  ${paint.dim(`(${printable(note)})`)}`,
    );
  });
  if (omitted > 0) {
    out.push(paint.dim(`    … and ${omitted} more (--format json lists all)`));
  }
  return out;
}

/** A value as a table cell: an item by its id, absent as a dash. */
function valueOf(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') {
    // Twelve hex digits tell two digests apart; JSON has all of them.
    return SHA256.test(value)
      ? `${value.slice(0, 12)}…`
      : truncate(value, VALUE_WIDTH);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of ['id', 'file', 'attribute']) {
      const named = record[key];
      if (typeof named === 'string') return truncate(named, VALUE_WIDTH);
    }
  }
  return truncate(JSON.stringify(value), VALUE_WIDTH);
}
