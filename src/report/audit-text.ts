import type {
  AuditResult,
  AuditVia,
  TimelineEvent,
} from '../evidence/audit.ts';
import { describeCheck } from '../evidence/audit-checks.ts';
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

/**
 * How a change was merged: `merge`, or a squash with who says so (the
 * commit message alone offline, GitHub with `--repo`); undefined for a
 * direct change.
 */
export function mergeStyle(via: AuditVia): string | undefined {
  if (via.kind === 'direct') return undefined;
  if (via.style !== 'squash') return 'merge';
  return via.claimedBy === 'github'
    ? 'squash (confirmed by GitHub)'
    : 'squash (from commit message)';
}

/** `PR #7 rolesmith/roles-finance by …, merged by …` or `direct by …`. */
export function describeVia(via: AuditVia): string {
  if (via.kind === 'direct') return `direct by ${via.author}`;
  const what = [
    via.pr === undefined ? 'merge' : `PR #${via.pr}`,
    ...(via.style === undefined ? [] : [mergeStyle(via) ?? '']),
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

/** `opened by bob, merged by alice at …`: GitHub's side of the merge. */
export function describePull(event: TimelineEvent): string | undefined {
  const pull = event.pull;
  if (pull === undefined) return undefined;
  const merged =
    pull.mergedBy === undefined
      ? 'not merged by GitHub'
      : `merged by ${pull.mergedBy}${pull.mergedAt === undefined ? '' : ` at ${pull.mergedAt}`}`;
  return `opened by ${pull.author}, ${merged}, head ${short(pull.headSha)}`;
}

/** `alice at 2026-11-02T10:00:00Z, …`; undefined without GitHub's answer. */
export function describeApprovals(
  event: TimelineEvent,
  separator = ', ',
): string | undefined {
  return listOrNone(event.approvals, (a) => `${a.user} at ${a.at}`, separator);
}

/** `ci/test (status success), …`; undefined without GitHub's answer. */
export function describeChecks(
  event: TimelineEvent,
  separator = ', ',
): string | undefined {
  return listOrNone(event.checks, describeCheck, separator);
}

/** `none` for an empty list, so that it reads apart from no answer. */
function listOrNone<T>(
  items: readonly T[] | undefined,
  describe: (item: T) => string,
  separator: string,
): string | undefined {
  if (items === undefined) return undefined;
  return items.length === 0 ? 'none' : items.map(describe).join(separator);
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
    `Audit of ${printable(report.branch)} ${head}: ` +
      `${countOf(report.timelines.length, 'file')}, ` +
      countOf(report.findings.length, 'finding'),
  ];
  for (const timeline of report.timelines) {
    const lines = [
      `${printable(timeline.file)} (${timeline.kind} ${printable(timeline.id)})`,
    ];
    for (const event of timeline.events) {
      lines.push(
        printable(
          `  ${event.date.slice(0, 10)}  ${short(event.commit)}  ` +
            `${describeChange(event)}  ${describeVia(event.via)}`,
        ),
      );
      const details: [string, string | undefined][] = [
        ['pull request', describePull(event)],
        ['approvals', describeApprovals(event)],
        ['checks', describeChecks(event)],
        ['evidence', describeEvidence(event)],
      ];
      for (const [label, text] of details) {
        if (text !== undefined)
          lines.push(printable(`      ${label}: ${text}`));
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
      `Catalogue at ${short(at.commit)} (${at.date.slice(0, 10)}) ` +
        `"${at.subject}": ${countOf(at.files.length, 'file')}`,
    ),
    ...at.files.map((f) =>
      printable(
        `  ${f.kind} ${f.id}  ${f.file}  since ${short(f.since.commit)} ` +
          describeVia(f.since.via),
      ),
    ),
  ].join('\n');
}

function renderEntitled(answer: EntitledAnswer): string {
  const lines = [
    printable(
      `Entitled to ${answer.entitlement} at ${short(answer.at.commit)}: ` +
        countOf(answer.grants.length, 'identity'),
    ),
  ];
  for (const grant of answer.grants) {
    const through =
      grant.via.kind === 'role'
        ? `role ${grant.via.role} (${grant.via.file})`
        : `exception (${grant.via.file})`;
    lines.push(
      printable(
        `  ${grant.identity}  ${through}  since ` +
          `${short(grant.introduced.commit)} ` +
          describeVia(grant.introduced.via),
      ),
    );
  }
  lines.push(`  note: ${answer.note}`);
  return lines.join('\n');
}
