import { usageError } from '../errors.ts';
import { compareFindings } from '../model/index.ts';
import type {
  Catalogue,
  Finding,
  LeastPrivilegeRules,
  RoleEntry,
} from '../model/index.ts';
import { compilePatterns } from './patterns.ts';
import type { EntitlementMatcher } from './patterns.ts';

export interface LeastPrivilegeOptions {
  /** The day reviews are judged on, YYYY-MM-DD (UTC). */
  today: string;
}

const DEFAULT_CRITICAL_MIN_OWNERS = 2;

interface CompiledRules {
  rules: LeastPrivilegeRules;
  forbidden: { machine: EntitlementMatcher; human: EntitlementMatcher };
  critical: EntitlementMatcher;
  minOwners: number;
  today: number;
}

/**
 * Applies the least-privilege rules a JSON Schema cannot express: size
 * limits, entitlements forbidden for an audience, owners of critical
 * access, and review dates.
 */
export function evaluateLeastPrivilege(
  catalogue: Catalogue,
  options: LeastPrivilegeOptions,
): Finding[] {
  const today = dayNumber(options.today);
  if (today === undefined) {
    throw usageError(
      `Invalid date ${options.today} for today`,
      'a calendar date YYYY-MM-DD, e.g. 2026-10-01',
    );
  }
  const rules = catalogue.policies.leastPrivilege;
  const compiled: CompiledRules = {
    rules,
    forbidden: {
      machine: compilePatterns(rules.forbiddenForMachine),
      human: compilePatterns(rules.forbiddenForHuman),
    },
    critical: compilePatterns(rules.critical),
    minOwners: rules.criticalMinOwners ?? DEFAULT_CRITICAL_MIN_OWNERS,
    today,
  };
  const findings = catalogue.roles.flatMap((entry) => [
    ...sizeFindings(entry, compiled),
    ...forbiddenFindings(entry, compiled),
    ...ownerFindings(entry, compiled),
    ...reviewFindings(entry, compiled),
  ]);
  return findings.sort(
    (a, b) =>
      compareFindings(a, b) || (a.path ?? '').localeCompare(b.path ?? ''),
  );
}

function sizeFindings({ role, file }: RoleEntry, c: CompiledRules): Finding[] {
  const max = c.rules.maxEntitlementsPerRole;
  const count = new Set(role.entitlements).size;
  if (max === undefined || count <= max) return [];
  return [
    {
      code: 'lp.too-many-entitlements',
      severity: 'error',
      file,
      path: '/entitlements',
      message: `Role ${role.id} grants ${count} entitlements; at most ${max} are allowed`,
      hint: 'Split the role into smaller roles that each serve one duty.',
      subject: { role: role.id },
    },
  ];
}

function forbiddenFindings(
  { role, file }: RoleEntry,
  c: CompiledRules,
): Finding[] {
  const matches = c.forbidden[role.audience];
  const code = `lp.forbidden-for-${role.audience}`;
  return role.entitlements.flatMap((entitlement, index): Finding[] =>
    matches(entitlement)
      ? [
          {
            code,
            severity: 'error',
            file,
            path: `/entitlements/${index}`,
            message:
              `Role ${role.id} is for ${role.audience} identities and must ` +
              `not grant ${entitlement}`,
            hint: 'Remove the entitlement, or move it to a role for the other audience.',
            subject: { role: role.id, entitlements: [entitlement] },
          },
        ]
      : [],
  );
}

function ownerFindings({ role, file }: RoleEntry, c: CompiledRules): Finding[] {
  const critical = [...new Set(role.entitlements.filter(c.critical))];
  const owners = new Set(role.owners).size;
  if (critical.length === 0 || owners >= c.minOwners) return [];
  return [
    {
      code: 'lp.critical-needs-two-owners',
      severity: 'error',
      file,
      path: '/owners',
      message:
        `Role ${role.id} grants critical access and has ${owners} of the ` +
        `${c.minOwners} owners it needs`,
      hint: 'Add another owner, so that no single person controls critical access.',
      subject: { role: role.id, entitlements: critical },
    },
  ];
}

function reviewFindings(
  { role, file }: RoleEntry,
  c: CompiledRules,
): Finding[] {
  const subject = { role: role.id };
  const max = c.rules.maxReviewDays;
  const next = role.review.nextReview;
  if (next === undefined) {
    if (max === undefined) return [];
    return [
      {
        code: 'lp.review-missing',
        severity: 'error',
        file,
        path: '/review',
        message: `Role ${role.id} has no next review date`,
        hint: `Set review.next_review to a date at most ${max} days from today.`,
        subject,
      },
    ];
  }

  // The schema rejects malformed dates; there is nothing more to judge.
  const day = dayNumber(next);
  if (day === undefined) return [];
  const path = '/review/next_review';
  if (day < c.today) {
    // Only a warning: the date passing is not something the pull request
    // did, and an error would block every unrelated change.
    return [
      {
        code: 'lp.review-overdue',
        severity: 'warning',
        file,
        path,
        message: `Role ${role.id} was due for review on ${next}`,
        hint: 'Review the role, then move review.next_review forward.',
        subject,
      },
    ];
  }
  if (max !== undefined && day - c.today > max) {
    return [
      {
        code: 'lp.review-too-far',
        severity: 'error',
        file,
        path,
        message: `Role ${role.id} is next reviewed on ${next}, more than ${max} days from today`,
        hint: `Choose a date at most ${max} days from today.`,
        subject,
      },
    ];
  }
  return [];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC) of a YYYY-MM-DD date; undefined if invalid. */
export function dayNumber(date: string): number | undefined {
  const match = DATE.exec(date);
  if (match === null) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [
    number,
    number,
    number,
  ];
  const time = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2026-02-30 into March and maps year 50 to 1950; a
  // round trip catches both.
  const back = new Date(time);
  const same =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day;
  if (!same) return undefined;
  return time / DAY_MS;
}
