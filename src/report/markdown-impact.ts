import { limitItems } from './limit.ts';
import {
  codeCell,
  escapeHtml,
  MARKDOWN_ROW_LIMIT,
  renderTable,
} from './markdown-syntax.ts';
import { countOf } from './plural.ts';
import type { AccessImpactSummary } from './report-input.ts';

interface Section {
  title: string;
  header: string[];
  rows: string[][];
}

/** Who gains or loses what, collapsed so that findings stay in view. */
export function renderImpactMarkdown(impact: AccessImpactSummary): string {
  const sections: Section[] = [
    {
      title: 'New critical access',
      header: ['identity', 'entitlement'],
      rows: impact.newCritical.map((c) => [
        codeCell(c.identity),
        codeCell(c.entitlement),
      ]),
    },
    {
      title: 'New SoD-relevant access',
      header: ['identity', 'entitlement', 'risks'],
      rows: impact.newSodRelevant.map((s) => [
        codeCell(s.identity),
        codeCell(s.entitlement),
        codeList(s.risks),
      ]),
    },
    {
      title: 'Policy changes needing policy-owner approval',
      header: ['file', 'change', 'owners'],
      // Owners go in code spans so that every rerun of the comment does
      // not mention (and notify) them again; review requests do that.
      rows: impact.policyChanges.map((p) => [
        codeCell(p.file),
        p.status,
        codeList(p.owners),
      ]),
    },
    {
      title: 'Gained access',
      header: ['identity', 'entitlement', 'via'],
      rows: impact.gains.map((g) => [
        codeCell(g.identity),
        codeCell(g.entitlement),
        codeList(g.via),
      ]),
    },
    {
      title: 'Lost access',
      header: ['identity', 'entitlement', 'via'],
      rows: impact.losses.map((l) => [
        codeCell(l.identity),
        codeCell(l.entitlement),
        codeList(l.via),
      ]),
    },
  ];

  const filled = sections.filter((section) => section.rows.length > 0);
  const body =
    filled.length === 0 ? ['No access changes.'] : filled.map(renderSection);
  // The blank lines around the body make GitHub parse it as Markdown.
  const open = `<details>\n<summary>${summarize(impact)}</summary>`;
  return [open, ...body, '</details>'].join('\n\n');
}

function summarize(impact: AccessImpactSummary): string {
  const parts = [
    `${impact.gains.length} gained`,
    `${impact.losses.length} lost`,
    `${impact.newCritical.length} new critical`,
    countOf(impact.policyChanges.length, 'policy change'),
  ];
  const base = `<code>${escapeHtml(impact.base)}</code>`;
  return `Access impact against ${base}: ${parts.join(', ')}`;
}

function renderSection(section: Section): string {
  const { shown, omitted } = limitItems(section.rows, MARKDOWN_ROW_LIMIT);
  const blocks = [
    `#### ${section.title} (${section.rows.length})`,
    renderTable(section.header, shown),
  ];
  if (omitted > 0) blocks.push(`… and ${omitted} more not shown.`);
  return blocks.join('\n\n');
}

function codeList(ids: readonly string[]): string {
  return ids.length === 0 ? '—' : ids.map(codeCell).join(', ');
}
