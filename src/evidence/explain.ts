import { indexMembers } from '../checks/effective-access.ts';
import { resolveGovernedOptions } from '../mining/governed/options.ts';
import type { Inventory, Role, SourceDigest } from '../model/index.ts';
import { dataDateOf } from '../model/index.ts';
import type { EvidenceBlock } from './evidence.ts';
import { EVIDENCE_FORMAT } from './evidence.ts';
import type { Difference } from './explain-compare.ts';
import { compareValues, countScalars } from './explain-compare.ts';
import type { EvidenceCheck } from './explain-evidence.ts';
import { readEvidence } from './explain-evidence.ts';
import { roleEditNotes } from './explain-notes.ts';
import { compareSources, sortSources } from './explain-sources.ts';
import type { RoleStatistics } from './role-statistics.ts';
import { computeRoleStatistics } from './role-statistics.ts';
import type { SummarySentence } from './summary.ts';
import { summarise } from './summary.ts';

export type { Difference } from './explain-compare.ts';
export type { EvidenceCheck, EvidenceProblem } from './explain-evidence.ts';

/** A role file's evidence, recomputed from an inventory. */
export interface Explanation {
  role: string;
  /**
   * True when every recorded figure came back the same, false when some
   * did not, null when the role records no evidence to compare with.
   */
  reproduced: boolean | null;
  /** Recorded statistics values compared (numbers, ids, dates). */
  compared: number;
  /** The data as read now. */
  data: { date: string; sources: SourceDigest[] };
  /** The statistics as recomputed now, for the role as it is now. */
  statistics: RoleStatistics;
  differences: Difference[];
  /** What explain can tell about why figures differ, or are missing. */
  notes: string[];
  /** The summary mining would write from the recomputed figures. */
  summary: SummarySentence[];
}

export interface ExplainOptions {
  /** The role file, named in errors. */
  file?: string;
  /**
   * Checks the recorded block's shape (the CLI passes the JSON Schema).
   * Without it only the format is checked: pass one whenever the block
   * was read from a file rather than built by `buildEvidence`.
   */
  checkEvidence?: EvidenceCheck;
  /** For a role without evidence: attributes to measure purity on. */
  attributes?: readonly string[];
  /** For a role without evidence: the usage window in days. */
  usageWindowDays?: number;
}

/**
 * Recomputes a role's evidence from an inventory and compares it with
 * what the role file records: the data date, the source digests and
 * every statistic, with the attributes and usage window the miner used.
 * Members are the role's as they are now (explicit and matched by
 * criteria), so a reviewer's edit since mining shows as a difference.
 */
export function explainRole(
  role: Role,
  inventory: Inventory,
  options: ExplainOptions = {},
): Explanation {
  const members = indexMembers(inventory).membersOf(role).sort();
  const data = {
    date: dataDateOf(inventory),
    sources: sortSources(inventory.sources),
  };
  if (role.evidence === undefined) {
    return explainUnmined(role, inventory, members, data, options);
  }
  const recorded = readEvidence(role.evidence, {
    ...(options.file !== undefined && { file: options.file }),
    ...(options.checkEvidence !== undefined && {
      check: options.checkEvidence,
    }),
  });
  const recordedAttributes = recorded.mined_by.parameters['attributes'];
  const attributes = isStringList(recordedAttributes)
    ? recordedAttributes
    : DEFAULTS.attributes;
  const statistics = computeRoleStatistics(
    {
      audience: role.audience,
      identities: members,
      entitlements: role.entitlements,
    },
    inventory,
    {
      attributes,
      dataDate: data.date,
      usageWindowDays: recorded.usage_window_days,
    },
  );

  const differences: Difference[] = [];
  compareValues('/data/date', recorded.data.date, data.date, differences);
  differences.push(...compareSources(recorded.data.sources, data.sources));
  compareValues('/statistics', recorded.statistics, statistics, differences);
  const notes = roleEditNotes(role, recorded, members, inventory, differences);
  if (!isStringList(recordedAttributes)) {
    notes.push(
      'The evidence does not record the attributes purity was measured on; ' +
        `${attributes.join(', ')} were used.`,
    );
  }
  return {
    role: role.id,
    reproduced: differences.length === 0,
    compared: countScalars(recorded.statistics),
    data,
    statistics,
    differences,
    notes,
    summary: summarise({ ...recorded, data, statistics }),
  };
}

/** A hand-written role: today's figures, and no claim about the past. */
function explainUnmined(
  role: Role,
  inventory: Inventory,
  members: string[],
  data: Explanation['data'],
  options: ExplainOptions,
): Explanation {
  const usageWindowDays = options.usageWindowDays ?? DEFAULTS.unusedDays;
  const statistics = computeRoleStatistics(
    {
      audience: role.audience,
      identities: members,
      entitlements: role.entitlements,
    },
    inventory,
    {
      attributes: options.attributes ?? DEFAULTS.attributes,
      dataDate: data.date,
      usageWindowDays,
    },
  );
  // Only sentences about members, grants and usage: the rest of a
  // summary states what a miner decided, and no miner made this role.
  const figures: EvidenceBlock = {
    format: EVIDENCE_FORMAT,
    mined_by: { tool: 'rolesmith', version: '', algorithm: '', parameters: {} },
    data,
    origin: { kind: 'none' },
    statistics,
    usage_window_days: usageWindowDays,
    overlaps: [],
    exclusions: { assignments: 0, by_reason: {}, top: [] },
    sod: { risks_checked: [], member_violations: [] },
    confidence: 0,
  };
  const backed = /^\/(statistics|data|usage_window_days)(\/|$)/;
  return {
    role: role.id,
    reproduced: null,
    compared: 0,
    data,
    statistics,
    differences: [],
    notes: [
      'The role records no evidence (it was not written by ' +
        'rolesmith mine): these are its figures in this inventory, ' +
        'with nothing to compare them with.',
      ...roleEditNotes(role, undefined, members, inventory, []),
    ],
    summary: summarise(figures).filter((s) =>
      s.facts.every((fact) => backed.test(fact)),
    ),
  };
}

/** The miner's documented defaults, for what the evidence does not fix. */
const DEFAULTS = resolveGovernedOptions({});

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
