import type {
  AuditResult,
  AuditVia,
  TimelineEvent,
} from '../evidence/audit.ts';
import type { CatalogueAt, EntitledAnswer } from '../evidence/audit-point.ts';
import { printable } from './ansi.ts';
import { countOf } from './plural.ts';

/** What `rolesmith audit` reports, in every format. */
export interface AuditReport extends AuditResult {
  asOf?: CatalogueAt;
  entitled?: EntitledAnswer;
}

export function short(sha: string): string {
  return sha.slice(0, 7);
}

/** `PR #7 rolesmith/roles-finance by …, merged by …` or `direct by …`. */
export function describeVia(via: AuditVia): string {
  if (via.kind === 'direct') return `direct by ${via.author}`;
  const what = [
    via.pr === undefined ? 'merge' : `PR #${via.pr}`,
    ...(via.branch === undefined ? [] : [via.branch]),
  ].join(' ');
  const by = via.author.length === 0 ? '' : ` by ${via.author.join(', ')}`;
  return `${what}${by}, merged by ${via.mergedBy}`;
}

export function describeChange(event: TimelineEvent): string {
  return event.from === undefined
    ? event.change
    : `${event.change} from ${event.from}`;
}

/** One line of an event's evidence block, when the role had one. */
export function describeEvidence(event: TimelineEvent): string | undefined {
  const evidence = event.evidence;
  if (evidence === undefined) return undefined;
  return [
    `data ${evidence.dataDate ?? 'undated'}`,
    ...(evidence.algorithm === undefined ? [] : [evidence.algorithm]),
    countOf(evidence.sources.length, 'source'),
  ].join(', ');
}

/** A compact audit for a terminal: timelines, then findings. */
export function renderAuditText(report: AuditReport): string {
  const head =
    report.head === undefined ? 'no commits' : `at ${short(report.head)}`;
  const blocks = [
    `Audit of ${printable(report.branch)} ${head}: ${countOf(report.timelines.length, 'file')}, ${countOf(report.findings.length, 'finding')}`,
  ];
  for (const timeline of report.timelines) {
    const lines = [
      `${printable(timeline.file)} (${timeline.kind} ${printable(timeline.id)})`,
    ];
    for (const event of timeline.events) {
      lines.push(
        printable(
          `  ${event.date.slice(0, 10)}  ${short(event.commit)}  ${describeChange(event)}  ${describeVia(event.via)}`,
        ),
      );
      const evidence = describeEvidence(event);
      if (evidence !== undefined) {
        lines.push(printable(`      evidence: ${evidence}`));
      }
    }
    blocks.push(lines.join('\n'));
  }
  if (report.findings.length > 0) {
    blocks.push(
      [
        'Findings',
        ...report.findings.map((f) =>
          printable(`  ${f.severity} ${f.code} ${f.file ?? ''}: ${f.message}`),
        ),
      ].join('\n'),
    );
  }
  if (report.asOf !== undefined) blocks.push(renderAsOf(report.asOf));
  if (report.entitled !== undefined) {
    blocks.push(renderEntitled(report.entitled));
  }
  return `${blocks.join('\n\n')}\n`;
}

function renderAsOf(at: CatalogueAt): string {
  return [
    printable(
      `Catalogue at ${short(at.commit)} (${at.date.slice(0, 10)}) "${at.subject}": ${countOf(at.files.length, 'file')}`,
    ),
    ...at.files.map((f) =>
      printable(
        `  ${f.kind} ${f.id}  ${f.file}  since ${short(f.since.commit)} ${describeVia(f.since.via)}`,
      ),
    ),
  ].join('\n');
}

function renderEntitled(answer: EntitledAnswer): string {
  const lines = [
    printable(
      `Entitled to ${answer.entitlement} at ${short(answer.at.commit)}: ${countOf(answer.grants.length, 'identity')}`,
    ),
  ];
  for (const grant of answer.grants) {
    const through =
      grant.via.kind === 'role'
        ? `role ${grant.via.role} (${grant.via.file})`
        : `exception (${grant.via.file})`;
    lines.push(
      printable(
        `  ${grant.identity}  ${through}  since ${short(grant.introduced.commit)} ${describeVia(grant.introduced.via)}`,
      ),
    );
  }
  lines.push(`  note: ${answer.note}`);
  return lines.join('\n');
}
