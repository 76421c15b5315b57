import type { CandidateRole } from '../mining/types.ts';
import type { Role } from '../model/index.ts';
import type { EvidenceBlock } from './evidence.ts';
import { summarise, summaryText } from './summary.ts';

/** The label every role file written by mining carries. */
export const MINED_LABEL = 'mined';

/**
 * A role file's content for a new candidate: the summary as description,
 * explicit members (a mined role reflects who holds the access today;
 * attribute criteria are the reviewer's call) and no review dates, which
 * the approval sets.
 */
export function draftRole(
  candidate: CandidateRole,
  evidence: EvidenceBlock,
  owners: readonly string[],
): Role {
  return {
    id: candidate.id,
    title: titleOf(candidate, evidence),
    description: summaryText(summarise(evidence)),
    owners: [...owners],
    audience: candidate.audience,
    entitlements: [...candidate.entitlements],
    membership: { identities: [...candidate.identities], criteria: [] },
    review: {},
    labels: [MINED_LABEL],
    evidence: { ...evidence },
  };
}

/**
 * A changed approved role: the mined entitlements, members and evidence,
 * with everything people wrote (title, owners, criteria, review dates,
 * labels) kept as it was. The description is rewritten only while it is
 * still the summary rolesmith wrote from the recorded evidence; once a
 * person has edited it, it is theirs.
 */
export function updateRole(
  approved: Role,
  candidate: CandidateRole,
  evidence: EvidenceBlock,
): Role {
  const generated =
    approved.evidence !== undefined &&
    approved.description === recordedSummary(approved.evidence);
  return {
    ...approved,
    ...(generated && { description: summaryText(summarise(evidence)) }),
    entitlements: [...candidate.entitlements],
    membership: {
      identities: [...candidate.identities],
      criteria: approved.membership.criteria,
    },
    evidence: { ...evidence },
  };
}

/** The summary of a recorded evidence block, or undefined if unreadable. */
function recordedSummary(
  evidence: Record<string, unknown>,
): string | undefined {
  try {
    // The block was read from a file: a hand-edited one may lack fields,
    // and then the description is treated as written by a person.
    return summaryText(summarise(evidence as unknown as EvidenceBlock));
  } catch {
    return undefined;
  }
}

function titleOf(candidate: CandidateRole, evidence: EvidenceBlock): string {
  const label = candidate.origin?.label;
  if (label !== undefined && label !== '') return label.slice(0, 200);
  const systems = Object.keys(evidence.statistics.by_system)
    .map((s) => (s === '' ? 'unqualified' : s))
    .join(', ');
  const who = candidate.audience === 'human' ? 'Shared' : 'Machine';
  return `${who} ${systems} access`.slice(0, 200);
}
