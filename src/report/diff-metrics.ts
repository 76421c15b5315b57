import type { CatalogueMetrics } from '../checks/catalogue-diff-metrics.ts';
import type { CatalogueDiff } from '../checks/catalogue-diff.ts';
import { limitItems } from './limit.ts';
import { countOf } from './plural.ts';

/** Roles named in the membership note. */
const NOTE_ROLES = 5;

/** One line of the before → after table, already formatted. */
export interface MetricRow {
  label: string;
  before: string;
  after: string;
  /** `+2`, `-1`, `0`. */
  change: string;
}

interface MetricSpec {
  label: string;
  value: (metrics: CatalogueMetrics) => number;
  /** Ratios get two decimals; counts none. */
  ratio?: boolean;
}

const METRICS: MetricSpec[] = [
  { label: 'roles', value: (m) => m.roles },
  { label: 'exceptions', value: (m) => m.exceptions },
  { label: '|UA| (role memberships)', value: (m) => m.ua },
  { label: '|PA| (role grants)', value: (m) => m.pa },
  { label: 'WSC', value: (m) => m.wsc },
  {
    label: 'roles per identity, mean',
    value: (m) => m.rolesPerIdentity.mean,
    ratio: true,
  },
  { label: 'roles per identity, max', value: (m) => m.rolesPerIdentity.max },
  {
    label: 'entitlements per role, mean',
    value: (m) => m.entitlementsPerRole.mean,
    ratio: true,
  },
  {
    label: 'entitlements per role, max',
    value: (m) => m.entitlementsPerRole.max,
  },
  { label: 'identities covered', value: (m) => m.identitiesCovered },
];

export function metricRows(metrics: CatalogueDiff['metrics']): MetricRow[] {
  return METRICS.map(({ label, value, ratio = false }) => {
    const format = (n: number) => (ratio ? n.toFixed(2) : String(n));
    const change = value(metrics.delta);
    // A change that rounds to nothing reads as none, not as `+0.00`.
    const shown = format(change);
    return {
      label,
      before: format(value(metrics.before)),
      after: format(value(metrics.after)),
      change: Number(shown) === 0 ? '0' : change > 0 ? `+${shown}` : shown,
    };
  });
}

/**
 * The caveat a reader needs when criteria went unresolved, or undefined
 * when every membership counted.
 */
export function membershipNote(diff: CatalogueDiff): string | undefined {
  if (diff.membership === 'inventory') return undefined;
  const head = 'Without --inventory only explicit members count';
  const { roles, changed } = diff.unresolvedCriteria;
  if (roles.length === 0) return `${head} (no role has criteria).`;
  const unresolved =
    `${head}: the attribute criteria of ` +
    `${countOf(roles.length, 'role')} were not resolved`;
  if (changed.length === 0) return `${unresolved}.`;
  const { shown, omitted } = limitItems(changed, NOTE_ROLES);
  const more = omitted > 0 ? ` and ${omitted} more` : '';
  return (
    `${unresolved}; access changes from the changed criteria of ` +
    `${shown.join(', ')}${more} are not shown.`
  );
}

/** `+3 grants to 2 identities, -1 grant from 1 identity, 2 entitlements`. */
export function accessSummary(diff: CatalogueDiff): string {
  const s = diff.summary;
  if (s.gains === 0 && s.losses === 0) return 'no access changes';
  const identities = (n: number) => `${n} identit${n === 1 ? 'y' : 'ies'}`;
  const gained = `+${countOf(s.gains, 'grant')} to ${identities(s.identitiesGaining)}`;
  const lost = `-${countOf(s.losses, 'grant')} from ${identities(s.identitiesLosing)}`;
  return [
    ...(s.gains > 0 ? [gained] : []),
    ...(s.losses > 0 ? [lost] : []),
    `${countOf(s.entitlements, 'entitlement')} affected`,
  ].join(', ');
}
