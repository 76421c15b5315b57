import type { CatalogueDiff } from '../checks/catalogue-diff.ts';
import type { ProposalPlan, RoleFileChange } from '../evidence/proposal.ts';
import type { Role } from '../model/index.ts';
import { renderDiffMarkdown } from './diff-markdown.ts';
import { renderMarkdown } from './markdown.ts';
import { codeCell, escapeCell, renderTable } from './markdown-syntax.ts';
import type { CheckReport } from './report-input.ts';

/** GitHub refuses bodies over 65,536 characters; stay clear of it. */
const BODY_LIMIT = 60_000;

/** Entitlement rows per role in the body; the role file has them all. */
const ENTITLEMENT_ROWS = 30;

/** The hidden line that marks a pull request as this proposal's. */
export function proposalMarker(plan: ProposalPlan): string {
  return `<!-- rolesmith:proposal key=${plan.key} roles=${plan.roles.join(',')} -->`;
}

/** Reads back the role ids a proposal body names, or undefined. */
export function parseProposalMarker(
  body: string,
): { key: string; roles: string[] } | undefined {
  const match = /<!-- rolesmith:proposal key=(\S+) roles=(\S*) -->/.exec(body);
  if (match === null) return undefined;
  return {
    key: match[1] ?? '',
    roles: (match[2] ?? '').split(',').filter((r) => r !== ''),
  };
}

export interface ProposalBodyInput {
  plan: ProposalPlan;
  /** The access impact of this proposal against the base branch. */
  diff: CatalogueDiff;
  check: CheckReport;
  version: string;
}

/**
 * The pull request description: what each role is and why it was
 * proposed (its summary and evidence), who gains or loses what, and the
 * `check` result, so a reviewer can decide without leaving the page.
 */
export function renderProposalBody(input: ProposalBodyInput): string {
  const { plan } = input;
  const blocks = [
    proposalMarker(plan),
    `Proposed by rolesmith ${input.version}. Review each role below; ` +
      'approving and merging this pull request makes ' +
      `${plan.roles.length === 1 ? 'it' : 'them'} part of the approved ` +
      'catalogue, and the merge commit records who approved.',
    ...plan.changes.map(renderChange),
    renderDiffMarkdown(input.diff).replace(
      /^## Catalogue diff: /,
      '## Access impact: ',
    ),
    renderMarkdown(input.check),
  ];
  const body = blocks.join('\n\n');
  if (body.length <= BODY_LIMIT) return `${body}\n`;
  const cut = body.slice(0, BODY_LIMIT);
  return (
    `${cut.slice(0, cut.lastIndexOf('\n'))}\n\n> The description was ` +
    `cut at ${BODY_LIMIT} characters; \`rolesmith diff\` and ` +
    `\`rolesmith check\` print it all.\n`
  );
}

function renderChange(change: RoleFileChange): string {
  const role = change.after ?? change.before;
  const id = role?.id ?? change.file;
  const status =
    change.status === 'added'
      ? 'new'
      : change.status === 'deleted'
        ? 'removed'
        : 'changed';
  const lines = [`### ${codeCell(id)} (${status})`];
  if (role !== undefined) {
    lines.push(
      `**${escapeCell(role.title)}** · ${role.audience} · owners ` +
        `${role.owners.map(escapeCell).join(', ')} · \`${change.file}\``,
    );
    if (role.description !== '') lines.push(escapeCell(role.description));
  }
  if (change.status === 'modified' && change.before && change.after) {
    lines.push(renderEdits(change.before, change.after));
  }
  if (change.after?.evidence !== undefined) {
    lines.push(renderEvidence(change.after.evidence));
  }
  return lines.join('\n\n');
}

function renderEdits(before: Role, after: Role): string {
  const added = (a: string[], b: string[]) => b.filter((x) => !a.includes(x));
  const rows = [
    ['entitlements added', added(before.entitlements, after.entitlements)],
    ['entitlements removed', added(after.entitlements, before.entitlements)],
    [
      'members added',
      added(before.membership.identities, after.membership.identities),
    ],
    [
      'members removed',
      added(after.membership.identities, before.membership.identities),
    ],
  ] as const;
  return renderTable(
    ['change', 'ids'],
    rows
      .filter(([, ids]) => ids.length > 0)
      .map(([label, ids]) => [label, ids.map(codeCell).join(', ')]),
  );
}

/** The evidence block as two tables: the role, then its entitlements. */
function renderEvidence(evidence: Record<string, unknown>): string {
  const get = (path: string): unknown =>
    path.split('.').reduce<unknown>((node, key) => {
      return typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[key]
        : undefined;
    }, evidence);
  const text = (value: unknown): string =>
    typeof value === 'string' || typeof value === 'number'
      ? escapeCell(String(value))
      : '';
  const sources = get('data.sources');
  const digests = Array.isArray(sources)
    ? sources
        .map((s: unknown) => {
          const src = s as Record<string, unknown>;
          return `${codeCell(text(src['file']))} ${text(src['sha256']).slice(0, 12)}`;
        })
        .join('<br>')
    : '';
  const purity = get('statistics.members.purity');
  const top = Array.isArray(purity)
    ? (purity[0] as Record<string, unknown> | undefined)
    : undefined;
  const rows: [string, string][] = [
    ['members', text(get('statistics.members.count'))],
    [
      'strongest attribute',
      top === undefined
        ? 'none recorded'
        : `${text(top['attribute'])} = ${text(top['value'])} (${text(top['count'])})`,
    ],
    ['coverage of members’ access', text(get('statistics.members.coverage'))],
    ['direct assignments replaced', text(get('statistics.direct_assignments'))],
    ['confidence', text(get('confidence'))],
    [
      'mined by',
      `rolesmith ${text(get('mined_by.version'))}, ${text(get('mined_by.algorithm'))}`,
    ],
    ['data date', text(get('data.date'))],
    ['sources (SHA-256)', digests],
  ];
  const blocks = [
    renderTable(
      ['evidence', 'value'],
      rows.filter(([, v]) => v !== ''),
    ),
  ];
  const list = get('statistics.entitlements');
  if (Array.isArray(list) && list.length > 0) {
    const entries = list.slice(0, ENTITLEMENT_ROWS) as Record<
      string,
      unknown
    >[];
    blocks.push(
      renderTable(
        ['entitlement', 'risk', 'holders', 'used recently', 'unused'],
        entries.map((e) => [
          codeCell(text(e['id'])),
          text(e['risk']),
          text(e['holders']),
          text(e['used_recently']),
          text(e['unused']),
        ]),
      ),
    );
    if (list.length > ENTITLEMENT_ROWS) {
      blocks.push(
        `…and ${list.length - ENTITLEMENT_ROWS} more entitlements in the role file.`,
      );
    }
  }
  return `<details><summary>Evidence</summary>\n\n${blocks.join('\n\n')}\n\n</details>`;
}
