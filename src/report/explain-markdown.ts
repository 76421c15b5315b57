import type { Difference } from '../evidence/explain.ts';
import type { ExplainedFile } from './explain-text.ts';
import { dataLine, valueOf } from './explain-values.ts';
import { limitItems } from './limit.ts';
import {
  codeCell,
  escapeCell,
  MARKDOWN_ROW_LIMIT,
  renderTable,
} from './markdown-syntax.ts';
import { countOf } from './plural.ts';

/**
 * `explain` as Markdown, for a pull request comment or a review ticket:
 * each role's summary, whether its evidence was reproduced from the
 * inventory given, and the differences as a table.
 */
export function renderExplainMarkdown(
  explained: readonly ExplainedFile[],
): string {
  const failed = explained.filter((e) => e.explanation.reproduced === false);
  const head = [
    '## rolesmith explain',
    failed.length === 0
      ? `${countOf(explained.length, 'role')} checked; no evidence differs from the inventory.`
      : `${countOf(explained.length, 'role')} checked; ` +
        `${countOf(failed.length, 'role')} not reproduced.`,
  ];
  return `${[...head, ...explained.map(renderOne)].join('\n\n')}\n`;
}

function renderOne({ file, explanation: x }: ExplainedFile): string {
  const lines = [
    `### ${escapeCell(x.role)} (${codeCell(file)})`,
    '',
    ...x.summary.map((s) => escapeCell(s.text)),
    '',
  ];
  const [first = '', ...rest] = x.notes;
  const notes = x.reproduced === null ? rest : x.notes;
  const data = dataLine(x, codeCell);
  if (x.reproduced === null) {
    lines.push(`**Not checked:** ${escapeCell(first)}`);
  } else if (x.reproduced) {
    lines.push(
      `**Reproduced:** all ${countOf(x.compared, 'statistic')} match the evidence (${data}).`,
    );
  } else {
    lines.push(
      `**Not reproduced:** ${countOf(x.differences.length, 'difference')} ` +
        `from the evidence; read now: ${data}.`,
      '',
      differencesTable(x.differences),
    );
  }
  if (notes.length > 0) {
    lines.push('', 'Notes:', '', ...notes.map((n) => `- ${escapeCell(n)}`));
  }
  return lines.join('\n');
}

function differencesTable(differences: readonly Difference[]): string {
  const { shown, omitted } = limitItems(differences, MARKDOWN_ROW_LIMIT);
  const table = renderTable(
    ['path', 'recorded', 'now', 'note'],
    shown.map((d) => [
      codeCell(d.path),
      escapeCell(valueOf(d.recorded)),
      escapeCell(valueOf(d.now)),
      escapeCell(d.note ?? ''),
    ]),
  );
  return omitted > 0
    ? `${table}\n\n… and ${omitted} more (--format json lists all)`
    : table;
}
