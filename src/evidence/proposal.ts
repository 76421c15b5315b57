import type { Role } from '../model/index.ts';
import { riskRank } from '../model/index.ts';

/** One role file that differs from the base branch. */
export interface RoleFileChange {
  /** Repository-relative path, e.g. `roles/finance/ap-clerk.yaml`. */
  file: string;
  status: 'added' | 'modified' | 'deleted';
  /** The role as proposed; absent when the file is deleted. */
  after?: Role;
  /** The role at the base; absent when the file is new. */
  before?: Role;
}

/** `scope`: one pull request per folder under roles/; `role`: per role. */
export type Grouping = 'scope' | 'role';

export interface ProposalPlan {
  /** Stable key: the folder or the role id. */
  key: string;
  branch: string;
  title: string;
  changes: RoleFileChange[];
  /** Role ids, sorted. */
  roles: string[];
  labels: string[];
  reviewers: { users: string[]; teams: string[] };
}

export interface PlanOptions {
  grouping: Grouping;
  /** Branch names start with this; default `rolesmith/`. */
  branchPrefix?: string;
  /** The roles folder as it appears in `file`; default `roles`. */
  rolesDir?: string;
  /**
   * Whether the policies (of the base) name an entitlement critical. A
   * role that grants one is labelled `risk:critical` whatever its
   * evidence says: a hand edit can add access the evidence never saw.
   */
  isCritical?: (entitlement: string) => boolean;
}

/**
 * Groups role file changes into pull requests with stable branch names,
 * so that a re-run finds and updates the same branch and pull request.
 */
export function planProposals(
  changes: readonly RoleFileChange[],
  options: PlanOptions,
): ProposalPlan[] {
  const prefix = options.branchPrefix ?? 'rolesmith/';
  const rolesDir = (options.rolesDir ?? 'roles').replace(/\/+$/, '');
  const groups = new Map<string, RoleFileChange[]>();
  for (const change of changes) {
    const key =
      options.grouping === 'role'
        ? roleIdOf(change)
        : scopeOf(change.file, rolesDir);
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return [...groups]
    .sort(([a], [b]) => compare(a, b))
    .map(([key, group]) => {
      const sorted = [...group].sort((a, b) => compare(a.file, b.file));
      return {
        key,
        branch: `${prefix}${options.grouping === 'role' ? 'role' : 'roles'}-${key}`,
        title: titleOf(key, sorted, options.grouping),
        changes: sorted,
        roles: sorted.map(roleIdOf).sort(compare),
        labels: labelsOf(sorted, options.isCritical),
        reviewers: reviewersOf(sorted),
      };
    });
}

function roleIdOf(change: RoleFileChange): string {
  const id = change.after?.id ?? change.before?.id;
  if (id !== undefined) return id;
  return (change.file.split('/').pop() ?? change.file).replace(/\.ya?ml$/, '');
}

/** The first folder below roles/, or `catalogue` for files directly in it. */
function scopeOf(file: string, rolesDir: string): string {
  const rest = file.startsWith(`${rolesDir}/`)
    ? file.slice(rolesDir.length + 1)
    : file;
  const parts = rest.split('/');
  const folder = parts.length > 1 ? (parts[0] ?? '') : '';
  const slug = folder.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return slug.replace(/^-+|-+$/g, '') || 'catalogue';
}

const VERBS: Record<RoleFileChange['status'], string> = {
  added: 'new',
  modified: 'changed',
  deleted: 'removed',
};

function titleOf(
  key: string,
  changes: readonly RoleFileChange[],
  grouping: Grouping,
): string {
  if (grouping === 'role' || changes.length === 1) {
    const change = changes[0];
    const status = change === undefined ? 'changed' : VERBS[change.status];
    const title = change?.after?.title ?? change?.before?.title;
    const id = change === undefined ? key : roleIdOf(change);
    return `Role ${id} (${status})${title === undefined ? '' : `: ${title}`}`;
  }
  const counts = (['added', 'modified', 'deleted'] as const)
    .map((status) => {
      const n = changes.filter((c) => c.status === status).length;
      return n === 0 ? '' : `${n} ${VERBS[status]}`;
    })
    .filter((part) => part !== '');
  return `Roles in ${key}: ${counts.join(', ')}`;
}

/**
 * `rolesmith`, the audiences touched (`access:human`, `access:machine`),
 * and the highest entitlement risk (`risk:high`): the highest the
 * evidence records, or critical when the role as proposed grants an
 * entitlement the policies name critical.
 */
function labelsOf(
  changes: readonly RoleFileChange[],
  isCritical: ((entitlement: string) => boolean) | undefined,
): string[] {
  const labels = new Set(['rolesmith']);
  let highest: NonNullable<Risk> | undefined;
  for (const change of changes) {
    const role = change.after ?? change.before;
    if (role !== undefined) labels.add(`access:${role.audience}`);
    const critical =
      isCritical !== undefined &&
      (change.after?.entitlements.some(isCritical) ?? false);
    const risks = recordedRisks(change.after);
    for (const risk of critical ? [...risks, 'critical' as const] : risks) {
      if (highest === undefined || riskRank(risk) > riskRank(highest)) {
        highest = risk;
      }
    }
  }
  if (highest !== undefined) labels.add(`risk:${highest}`);
  return [...labels].sort(compare);
}

type Risk = Parameters<typeof riskRank>[0];

/** Entitlement risks recorded in a mined role's evidence, if any. */
function recordedRisks(role: Role | undefined): NonNullable<Risk>[] {
  const statistics = role?.evidence?.['statistics'];
  if (typeof statistics !== 'object' || statistics === null) return [];
  const list = (statistics as Record<string, unknown>)['entitlements'];
  if (!Array.isArray(list)) return [];
  const risks: NonNullable<Risk>[] = [];
  for (const item of list as unknown[]) {
    const risk =
      typeof item === 'object' && item !== null
        ? (item as Record<string, unknown>)['risk']
        : undefined;
    if (
      risk === 'low' ||
      risk === 'medium' ||
      risk === 'high' ||
      risk === 'critical'
    ) {
      risks.push(risk);
    }
  }
  return risks;
}

/**
 * Reviewers from the owners of the roles before and after: `@user` is a
 * user, `@org/team` a team (GitHub takes the slug). E-mail owners have no
 * GitHub identity to request and are left to CODEOWNERS.
 */
function reviewersOf(changes: readonly RoleFileChange[]): {
  users: string[];
  teams: string[];
} {
  const users = new Set<string>();
  const teams = new Set<string>();
  for (const change of changes) {
    for (const owner of [
      ...(change.after?.owners ?? []),
      ...(change.before?.owners ?? []),
    ]) {
      const match = /^@([\w.-]+)(?:\/([\w.-]+))?$/.exec(owner);
      if (match === null) continue;
      if (match[2] !== undefined) teams.add(match[2]);
      else if (match[1] !== undefined) users.add(match[1]);
    }
  }
  return {
    users: [...users].sort(compare),
    teams: [...teams].sort(compare),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
