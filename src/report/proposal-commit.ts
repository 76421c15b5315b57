import type { ProposalPlan } from '../evidence/proposal.ts';

export interface CommitTrailers {
  version: string;
  /** Data dates recorded in the roles' evidence, if any. */
  dataDates: string[];
  /** `file sha256` of every source the roles' evidence names. */
  sources: string[];
}

/**
 * The commit message of a proposal: a subject under 72 characters, one
 * line per role, and git trailers that tie the commit to the mining run
 * an auditor can reproduce (`git log --format=%(trailers)` reads them).
 */
export function renderCommitMessage(
  plan: ProposalPlan,
  trailers: CommitTrailers,
): { message: string; trailers: [string, string][] } {
  const subject = `rolesmith: ${plan.title}`;
  const lines = plan.changes.map((c) => {
    const role = c.after ?? c.before;
    const verb =
      c.status === 'added'
        ? 'add'
        : c.status === 'deleted'
          ? 'remove'
          : 'update';
    return `- ${verb} ${role?.id ?? c.file} (${c.file})`;
  });
  const list: [string, string][] = [
    ['Rolesmith-Version', trailers.version],
    ['Rolesmith-Roles', plan.roles.join(', ')],
    ...(trailers.dataDates.length === 0
      ? []
      : [
          ['Rolesmith-Data-Date', trailers.dataDates.join(', ')] as [
            string,
            string,
          ],
        ]),
    // One trailer per key: git trailer tools treat repeated keys
    // inconsistently, and the sources are one fact (the run's inputs).
    ...(trailers.sources.length === 0
      ? []
      : [
          ['Rolesmith-Sources', trailers.sources.join('; ')] as [
            string,
            string,
          ],
        ]),
  ];
  return {
    message: `${subject.length > 72 ? `${subject.slice(0, 71)}…` : subject}\n\n${lines.join('\n')}`,
    trailers: list,
  };
}

/** Data dates and sources named by the evidence of the proposed roles. */
export function trailersOf(
  plan: ProposalPlan,
  version: string,
): CommitTrailers {
  const dates = new Set<string>();
  const sources = new Set<string>();
  for (const change of plan.changes) {
    const evidence = change.after?.evidence;
    const data = evidence?.['data'];
    if (typeof data !== 'object' || data === null) continue;
    const record = data as Record<string, unknown>;
    if (typeof record['date'] === 'string') dates.add(record['date']);
    if (!Array.isArray(record['sources'])) continue;
    for (const source of record['sources'] as unknown[]) {
      if (typeof source !== 'object' || source === null) continue;
      const s = source as Record<string, unknown>;
      if (typeof s['file'] === 'string' && typeof s['sha256'] === 'string') {
        sources.add(`${s['file']} ${s['sha256']}`);
      }
    }
  }
  return {
    version,
    dataDates: [...dates].sort(),
    sources: [...sources].sort(),
  };
}
