import type { Difference, Explanation } from '../evidence/explain.ts';
import { createPalette, printable } from './ansi.ts';
import type { Palette } from './ansi.ts';
import { limitItems } from './limit.ts';
import { countOf } from './plural.ts';
import { dataLine, valueOf } from './explain-values.ts';

/** Differences listed per role; the JSON output has every one. */
export const TEXT_EXPLAIN_DIFFERENCES = 50;

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
      `  ${paint.green('Reproduced:')} all ` +
        `${countOf(x.compared, 'statistic')} match the ` +
        `evidence (${dataOf(x)}).`,
    );
  } else {
    lines.push(
      `  ${paint.red('Not reproduced:')} ` +
        `${countOf(x.differences.length, 'difference')} from the ` +
        `evidence; read now: ${dataOf(x)}.`,
      ...renderTable(x.differences, paint),
    );
  }
  if (notes.length > 0) {
    lines.push('  Notes:', ...notes.map((n) => `    - ${printable(n)}`));
  }
  return lines.join('\n');
}

function dataOf(x: Explanation): string {
  return dataLine(x, printable);
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
