import type { Inventory } from '../model/index.ts';
import { isDisabled, systemOf } from '../model/index.ts';
import type { MergeConflict } from './merge.ts';
import type { SkippedRecord } from './reader.ts';
import {
  heldBy,
  hasAttribute,
  duplicates,
  newestDate,
  usageBySystem,
  sharedBundles,
  countBy,
  norm,
  timeOf,
} from './quality-signals.ts';

export interface QualityOptions {
  /** Access unused for this many days before the data date is stale. */
  staleDays: number;
  /** Attributes mining needs on people. */
  requiredAttributes: string[];
  /** How many example ids each finding keeps. */
  sampleSize: number;
}

/** What the sources disagree on, by kind of merge conflict. */
const DISAGREEMENT: Record<MergeConflict['kind'], string> = {
  'identity-kind': 'whether an identity is a person or a machine',
  'identity-attribute': 'identity attributes',
  'entitlement-risk': 'entitlement risk',
};

/** The missing metadata, by entitlement field. */
const MISSING_FIELD = {
  risk: 'a risk rating',
  owner: 'an owner',
  description: 'a description',
} as const;

export const DEFAULT_QUALITY_OPTIONS: QualityOptions = {
  staleDays: 90,
  requiredAttributes: ['department', 'title'],
  sampleSize: 10,
};

/** A counted problem with a few examples, never an unbounded list. */
export interface QualityIssue {
  code: string;
  severity: 'error' | 'warning' | 'note';
  count: number;
  message: string;
  fix: string;
  examples: string[];
}

export interface QualityReport {
  /** The newest timestamp in the data: "today" for staleness. */
  dataDate?: string;
  totals: { identities: number; entitlements: number; assignments: number };
  identitiesByKind: Record<string, number>;
  entitlementsBySystem: Record<string, number>;
  assignmentsBySystem: Record<string, number>;
  sources: { source: string; file: string; sha256: string }[];
  issues: QualityIssue[];
}

/**
 * What a security engineer should know about an inventory before anyone
 * mines it. Pure: the same inventory always gives the same report.
 */
export function evaluateQuality(
  inventory: Inventory,
  extras: { skipped?: SkippedRecord[]; conflicts?: MergeConflict[] } = {},
  options: QualityOptions = DEFAULT_QUALITY_OPTIONS,
): QualityReport {
  const issues: QualityIssue[] = [];
  const add = (
    issue: Omit<QualityIssue, 'count' | 'examples'>,
    ids: string[],
  ) => {
    if (ids.length === 0) return;
    const unique = [...new Set(ids)].sort();
    issues.push({
      ...issue,
      count: unique.length,
      examples: unique.slice(0, options.sampleSize),
    });
  };
  const held = heldBy(inventory);
  const people = inventory.identities.filter((i) => i.kind === 'human');
  const machines = inventory.identities.filter((i) => i.kind !== 'human');

  // Records that could not be read, and sources that disagree.
  if (extras.skipped !== undefined && extras.skipped.length > 0) {
    add(
      {
        code: 'records.skipped',
        severity: 'error',
        message: 'records could not be read and were skipped',
        fix:
          'fix the rows named in the examples, or re-run with ' +
          '--on-bad-record stop to see the first one',
      },
      extras.skipped.map((s) => {
        const line = s.line !== undefined ? `:${s.line}` : '';
        const at = s.path !== undefined ? ` (at ${s.path})` : '';
        return `${s.file}${line}${at}: ${s.message}`;
      }),
    );
  }
  for (const kind of [
    'identity-kind',
    'identity-attribute',
    'entitlement-risk',
  ] as const) {
    const found = (extras.conflicts ?? []).filter((c) => c.kind === kind);
    add(
      {
        code: `merge.${kind}`,
        severity: kind === 'identity-kind' ? 'error' : 'warning',
        message: `sources disagree on ${DISAGREEMENT[kind]}`,
        fix: 'correct the source of record, or add an identity mapping file',
      },
      found.map(
        (c) =>
          `${c.id} (${c.field}: ${c.values.map((v) => `${v.source}=${v.value}`).join(' vs ')})`,
      ),
    );
  }

  // Identities.
  for (const attribute of options.requiredAttributes) {
    add(
      {
        code: 'identity.missing-attribute',
        severity: 'warning',
        message: `people without "${attribute}": attribute-aware mining cannot place them`,
        fix: `add a "${attribute}" column or the SCIM enterprise extension to the people source`,
      },
      people.filter((p) => !hasAttribute(p, attribute)).map((p) => p.id),
    );
  }
  add(
    {
      code: 'identity.machine-without-owner',
      severity: 'warning',
      message: 'machine identities without an accountable owner',
      fix:
        'set the owner column (a person) for every service account, ' +
        'key, token, workload and bot',
    },
    machines
      .filter((m) => m.owner === undefined || m.owner === '')
      .map((m) => m.id),
  );
  add(
    {
      code: 'identity.disabled-with-access',
      severity: 'error',
      message: 'disabled accounts that still hold access',
      fix: 'revoke their access in the source system',
    },
    inventory.identities
      .filter((i) => isDisabled(i) && (held.get(i.id)?.size ?? 0) > 0)
      .map((i) => i.id),
  );
  const known = new Set(inventory.identities.map((i) => i.id));
  const owners = new Set(
    people.flatMap((p) => [
      p.id,
      ...(p.email === undefined ? [] : [norm(p.email)]),
    ]),
  );
  add(
    {
      code: 'identity.orphan',
      severity: 'error',
      message:
        'assignments to identities no source describes (orphan accounts)',
      fix:
        'add the identity to the identities source, map it with ' +
        '--identity-map, or revoke the access',
    },
    [...held.keys()].filter((id) => !known.has(id)),
  );
  add(
    {
      code: 'identity.machine-owner-unknown',
      severity: 'warning',
      message: 'machine identities whose owner is not a known person',
      fix: 'point owner at a current person in the people source',
    },
    machines
      .filter(
        (m) =>
          m.owner !== undefined &&
          m.owner !== '' &&
          people.length > 0 &&
          !owners.has(m.owner) &&
          !owners.has(norm(m.owner)),
      )
      .map((m) => m.id),
  );
  add(
    {
      code: 'identity.duplicate',
      severity: 'warning',
      message:
        'identities that look like the same person (same e-mail or name)',
      fix: 'merge them in the source, or map them with --identity-map',
    },
    duplicates(people),
  );

  // Entitlements.
  for (const field of ['description', 'owner', 'risk'] as const) {
    add(
      {
        code: `entitlement.missing-${field}`,
        severity: field === 'risk' ? 'warning' : 'note',
        message: `entitlements without ${MISSING_FIELD[field]}`,
        fix: `fill the ${field} column of entitlements.csv (or the source's metadata)`,
      },
      inventory.entitlements
        .filter((e) => e[field] === undefined || e[field] === '')
        .map((e) => e.id),
    );
  }

  // Usage.
  const dataDate = newestDate(inventory);
  const usage = usageBySystem(inventory);
  if (dataDate !== undefined) {
    const cutoff = Date.parse(dataDate) - options.staleDays * 86_400_000;
    add(
      {
        code: 'access.stale',
        severity: 'warning',
        message: `access not used in the ${options.staleDays} days before ${dataDate.slice(0, 10)}`,
        fix: 'review and revoke; mining leaves stale access out of roles',
      },
      inventory.assignments
        .filter(
          (a) => a.lastUsedAt !== undefined && timeOf(a.lastUsedAt) < cutoff,
        )
        .map((a) => `${a.identity} ${a.entitlement}`),
    );
  }
  add(
    {
      code: 'access.never-used',
      severity: 'warning',
      message: 'access never used, in systems that report usage',
      fix: 'review and revoke; mining leaves unused access out of roles',
    },
    inventory.assignments
      .filter(
        (a) => a.lastUsedAt === undefined && usage.has(systemOf(a.entitlement)),
      )
      .map((a) => `${a.identity} ${a.entitlement}`),
  );

  // Who holds the keys to the kingdom.
  const critical = new Set(
    inventory.entitlements
      .filter((e) => e.risk === 'critical')
      .map((e) => e.id),
  );
  add(
    {
      code: 'access.critical',
      severity: 'warning',
      message:
        'holders of critical entitlements (administrator and wildcard access)',
      fix: 'confirm each holder needs it; prefer just-in-time access for critical entitlements',
    },
    inventory.assignments
      .filter((a) => critical.has(a.entitlement))
      .map((a) => `${a.identity} ${a.entitlement}`),
  );

  // People and machines with the same bundle of access.
  add(
    {
      code: 'access.shared-bundle',
      severity: 'warning',
      message:
        'people and machines holding exactly the same entitlements ' +
        '(machines hiding behind human access)',
      fix: 'give machines their own machine roles; mining never mixes them',
    },
    sharedBundles(inventory, held),
  );

  return {
    ...(dataDate !== undefined && { dataDate }),
    totals: {
      identities: inventory.identities.length,
      entitlements: inventory.entitlements.length,
      assignments: inventory.assignments.length,
    },
    identitiesByKind: countBy(inventory.identities, (i) => i.kind),
    entitlementsBySystem: countBy(
      inventory.entitlements,
      (e) => e.system || systemOf(e.id) || '(none)',
    ),
    assignmentsBySystem: countBy(
      inventory.assignments,
      (a) => systemOf(a.entitlement) || '(none)',
    ),
    sources: inventory.sources.map((s) => ({ ...s })),
    issues,
  };
}
