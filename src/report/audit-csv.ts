import type { AuditResult } from '../evidence/audit.ts';
import type { Finding } from '../model/index.ts';
import { describeApprovals, describeChecks, mergeStyle } from './audit-text.ts';
import { renderCsv } from './csv.ts';

/** Several values in one cell; `;` as names and paths hold commas. */
const LIST = '; ';

const TIMELINE_HEADER = [
  'file',
  'kind',
  'id',
  'date',
  'commit',
  'change',
  'from',
  'via_kind',
  'pr',
  'branch',
  'author',
  'merged_by',
  'data_date',
  'sources',
  'merge_style',
  'pr_author',
  'pr_merged_by',
  'approvals',
  'checks',
] as const;

/**
 * One row per event of every timeline, in the audit's order, for an
 * auditor's spreadsheet. `file` is the file's latest path, as in the
 * other formats; `from` is the path before a rename. The pull request
 * columns after `sources` are empty unless `--repo` asked GitHub; they
 * come last so that a sheet built on the earlier columns keeps working.
 */
export function renderTimelinesCsv(audit: AuditResult): string {
  const rows = audit.timelines.flatMap((timeline) =>
    timeline.events.map((event) => {
      const via = event.via;
      return [
        timeline.file,
        timeline.kind,
        timeline.id,
        event.date,
        event.commit,
        event.change,
        event.from ?? '',
        via.kind,
        via.kind === 'merge' && via.pr !== undefined ? String(via.pr) : '',
        via.kind === 'merge' ? (via.branch ?? '') : '',
        via.kind === 'merge' ? via.author.join(LIST) : via.author,
        via.kind === 'merge' ? via.mergedBy : '',
        event.evidence?.dataDate ?? '',
        (event.evidence?.sources ?? []).join(LIST),
        mergeStyle(via) ?? '',
        event.pull?.author ?? '',
        event.pull?.mergedBy ?? '',
        describeApprovals(event, LIST) ?? '',
        describeChecks(event, LIST) ?? '',
      ];
    }),
  );
  return renderCsv(TIMELINE_HEADER, rows);
}

const FINDING_HEADER = [
  'severity',
  'code',
  'file',
  'line',
  'message',
  'hint',
] as const;

/** The provenance findings, one row each, in the audit's order. */
export function renderFindingsCsv(findings: readonly Finding[]): string {
  return renderCsv(
    FINDING_HEADER,
    findings.map((f) => [
      f.severity,
      f.code,
      f.file ?? '',
      f.line === undefined ? '' : String(f.line),
      f.message,
      f.hint ?? '',
    ]),
  );
}
