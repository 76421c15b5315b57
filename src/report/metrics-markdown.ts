import type { MetricsReport } from '../evidence/metrics.ts';
import { headlineLines, metricsRows } from './metrics-text.ts';

/** `rolesmith metrics` as Markdown: the same table and headline as text. */
export function renderMetricsMarkdown(
  report: MetricsReport,
  branch: string,
): string {
  const [heading = [], ...rows] = metricsRows(report);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = [
    `## Metrics of \`${branch}\``,
    '',
    ...headlineLines(report).map((l) => `- ${l}`),
    ...report.notes.map((note) => `- _Note:_ ${note}`),
    '',
    line(heading),
    line(heading.map((_, i) => (i < 2 ? '---' : '---:'))),
    ...rows.map(line),
  ];
  return `${out.join('\n')}\n`;
}
