import type { CatalogueDiff } from '../checks/catalogue-diff.ts';
import { accessSummary, membershipNote, metricRows } from './diff-metrics.ts';
import { limitItems } from './limit.ts';
import {
  codeCell,
  escapeCell,
  MARKDOWN_ROW_LIMIT,
  renderTable,
} from './markdown-syntax.ts';

/** Identities named per cell; the JSON output has every one. */
export const MARKDOWN_DIFF_NAMES = 20;

/** A catalogue diff for a pull request comment or a job summary. */
export function renderDiffMarkdown(diff: CatalogueDiff): string {
  const blocks = [
    `## Catalogue diff: ${escapeCell(diff.before)} → ${escapeCell(diff.after)}`,
    summarize(diff),
  ];
  const note = membershipNote(diff);
  if (note !== undefined) blocks.push(`> ${escapeCell(note)}`);
  blocks.push(
    renderTable(
      ['metric', 'before', 'after', 'change'],
      metricRows(diff.metrics).map((r) => [
        escapeCell(r.label),
        r.before,
        r.after,
        r.change,
      ]),
    ),
  );
  blocks.push(
    ...section(
      'New critical access',
      ['identity', 'entitlement'],
      diff.newCritical.map((c) => [
        codeCell(c.identity),
        codeCell(c.entitlement),
      ]),
    ),
    ...section(
      'New SoD-relevant access',
      ['identity', 'entitlement', 'risks'],
      diff.newSodRelevant.map((s) => [
        codeCell(s.identity),
        codeCell(s.entitlement),
        s.risks.map(codeCell).join(', '),
      ]),
    ),
    ...section(
      'Access by entitlement',
      ['entitlement', 'gained', 'lost', 'identities gaining', 'losing'],
      diff.entitlements.map((e) => [
        codeCell(e.entitlement),
        String(e.gained.length),
        String(e.lost.length),
        names(e.gained.map((c) => c.identity)),
        names(e.lost.map((c) => c.identity)),
      ]),
    ),
  );
  return `${blocks.join('\n\n')}\n`;
}

function summarize(diff: CatalogueDiff): string {
  const s = diff.summary;
  const { added, removed, changed } = diff.roles;
  const lists: [string, string[]][] = [
    ['added', added],
    ['removed', removed],
    ['changed', changed],
  ];
  const parts = lists
    .filter(([, ids]) => ids.length > 0)
    .map(([verb, ids]) => `${ids.length} ${verb} (${names(ids)})`);
  const roles =
    parts.length === 0
      ? 'Roles: none added, removed or changed.'
      : `Roles: ${parts.join('; ')}.`;
  const critical = `${s.newCritical} new critical, ${s.newSodRelevant} new SoD-relevant`;
  return `${roles} Access: ${accessSummary(diff)}; ${critical}.`;
}

/** A titled table, or nothing when it would be empty. */
function section(title: string, header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return [];
  const { shown, omitted } = limitItems(rows, MARKDOWN_ROW_LIMIT);
  const blocks = [`### ${title} (${rows.length})`, renderTable(header, shown)];
  if (omitted > 0) {
    blocks.push(`… and ${omitted} more not shown; \`--format json\` has all.`);
  }
  return blocks;
}

function names(ids: readonly string[]): string {
  if (ids.length === 0) return '—';
  const { shown, omitted } = limitItems(ids, MARKDOWN_DIFF_NAMES);
  const list = shown.map(codeCell).join(', ');
  return omitted > 0 ? `${list} and ${omitted} more` : list;
}
