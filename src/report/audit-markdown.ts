import type { AuditReport } from './audit-text.ts';
import {
  describeApprovals,
  describeChange,
  describeChecks,
  describeEvidence,
  describePull,
  describeVia,
  short,
} from './audit-text.ts';
import { codeCell, escapeCell } from './markdown-syntax.ts';

/** The audit as Markdown: a table per file, then findings. */
export function renderAuditMarkdown(report: AuditReport): string {
  const head =
    report.head === undefined ? '' : ` at ${codeCell(short(report.head))}`;
  const out = [`# Audit of ${codeCell(report.branch)}${head}`, ''];
  for (const timeline of report.timelines) {
    out.push(
      `## ${codeCell(timeline.file)} (${timeline.kind} ${escapeCell(timeline.id)})`,
      '',
      '| date | commit | change | via | approvals | checks | evidence |',
      '| ---- | ------ | ------ | --- | --------- | ------ | -------- |',
    );
    for (const event of timeline.events) {
      const pull = describePull(event);
      const via = `${describeVia(event.via)}${pull === undefined ? '' : `; on GitHub ${pull}`}`;
      const cells = [
        event.date.slice(0, 10),
        codeCell(short(event.commit)),
        escapeCell(describeChange(event)),
        escapeCell(via),
        escapeCell(describeApprovals(event) ?? ''),
        escapeCell(describeChecks(event) ?? ''),
        escapeCell(describeEvidence(event) ?? ''),
      ];
      out.push(`| ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  out.push('## Findings', '');
  if (report.findings.length === 0) out.push('None.', '');
  else {
    out.push(
      '| severity | code | file | message |',
      '| --- | --- | --- | --- |',
    );
    for (const f of report.findings) {
      out.push(
        `| ${f.severity} | ${codeCell(f.code)} ` +
          `| ${codeCell(f.file ?? '')} | ${escapeCell(f.message)} |`,
      );
    }
    out.push('');
  }
  const at = report.asOf;
  if (at !== undefined) {
    out.push(
      `## Catalogue at ${codeCell(short(at.commit))} (${at.date.slice(0, 10)})`,
      '',
      '| file | kind | since |',
      '| --- | --- | --- |',
      ...at.files.map((f) => {
        const since = `${short(f.since.commit)} ${describeVia(f.since.via)}`;
        return `| ${codeCell(f.file)} | ${f.kind} | ${escapeCell(since)} |`;
      }),
      '',
    );
  }
  const entitled = report.entitled;
  if (entitled !== undefined) {
    out.push(
      `## Entitled to ${codeCell(entitled.entitlement)} at ${codeCell(short(entitled.at.commit))}`,
      '',
      '| identity | through | since |',
      '| --- | --- | --- |',
      ...entitled.grants.map((g) => {
        const through =
          g.via.kind === 'role' ? `role ${g.via.role}` : 'exception';
        const since = `${short(g.introduced.commit)} ${describeVia(g.introduced.via)}`;
        return (
          `| ${escapeCell(g.identity)} ` +
          `| ${escapeCell(`${through} (${g.via.file})`)} ` +
          `| ${escapeCell(since)} |`
        );
      }),
      '',
      `_${escapeCell(entitled.note)}_`,
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
