import { describe, expect, it } from 'vitest';
import type { Finding, LeastPrivilegeRules } from '../model/index.ts';
import { dayNumber, evaluateLeastPrivilege } from './least-privilege.ts';
import type { RoleSpec } from './fixtures.ts';
import { buildCatalogue, buildRole } from './fixtures.ts';

const today = '2026-10-01';

interface Case {
  name: string;
  rules: Partial<LeastPrivilegeRules>;
  role: RoleSpec;
  expected: Pick<Finding, 'code' | 'severity' | 'path' | 'subject'>[];
}

const twoOwners = ['@acme/a', '@acme/b'];

const cases: Case[] = [
  {
    name: 'accepts a role at the entitlement limit',
    rules: { maxEntitlementsPerRole: 2 },
    role: { id: 'r', entitlements: ['x:a', 'x:b', 'x:a'] },
    expected: [],
  },
  {
    name: 'reports a role over the entitlement limit',
    rules: { maxEntitlementsPerRole: 1 },
    role: { id: 'r', entitlements: ['x:a', 'x:b'] },
    expected: [
      {
        code: 'lp.too-many-entitlements',
        severity: 'error',
        path: '/entitlements',
        subject: { role: 'r' },
      },
    ],
  },
  {
    name: 'reports a machine role granting a forbidden pattern',
    rules: { forbiddenForMachine: ['github:*:admin'] },
    role: {
      id: 'r',
      audience: 'machine',
      entitlements: ['github:acme:read', 'github:acme:admin'],
    },
    expected: [
      {
        code: 'lp.forbidden-for-machine',
        severity: 'error',
        path: '/entitlements/1',
        subject: { role: 'r', entitlements: ['github:acme:admin'] },
      },
    ],
  },
  {
    name: 'ignores the machine list for a human role',
    rules: { forbiddenForMachine: ['sap:SU01'] },
    role: { id: 'r', audience: 'human', entitlements: ['sap:SU01'] },
    expected: [],
  },
  {
    name: 'reports a human role granting a forbidden entitlement',
    rules: { forbiddenForHuman: ['aws:ci-deploy'] },
    role: { id: 'r', audience: 'human', entitlements: ['aws:ci-deploy'] },
    expected: [
      {
        code: 'lp.forbidden-for-human',
        severity: 'error',
        path: '/entitlements/0',
        subject: { role: 'r', entitlements: ['aws:ci-deploy'] },
      },
    ],
  },
  {
    name: 'reports critical access with a single owner',
    rules: { critical: ['sap:F1*'] },
    role: {
      id: 'r',
      owners: ['@acme/a', '@acme/a'],
      entitlements: ['sap:F110', 'sap:FB60', 'sap:F150'],
    },
    expected: [
      {
        code: 'lp.critical-needs-two-owners',
        severity: 'error',
        path: '/owners',
        subject: { role: 'r', entitlements: ['sap:F110', 'sap:F150'] },
      },
    ],
  },
  {
    name: 'accepts critical access with two owners',
    rules: { critical: ['sap:F110'] },
    role: { id: 'r', owners: twoOwners, entitlements: ['sap:F110'] },
    expected: [],
  },
  {
    name: 'applies a configured owner minimum',
    rules: { critical: ['sap:F110'], criticalMinOwners: 3 },
    role: { id: 'r', owners: twoOwners, entitlements: ['sap:F110'] },
    expected: [
      {
        code: 'lp.critical-needs-two-owners',
        severity: 'error',
        path: '/owners',
        subject: { role: 'r', entitlements: ['sap:F110'] },
      },
    ],
  },
  {
    name: 'accepts a role without review when no limit is set',
    rules: {},
    role: { id: 'r' },
    expected: [],
  },
  {
    name: 'reports a missing review date when a limit is set',
    rules: { maxReviewDays: 365 },
    role: { id: 'r', review: { lastReviewed: '2026-01-01' } },
    expected: [
      {
        code: 'lp.review-missing',
        severity: 'error',
        path: '/review',
        subject: { role: 'r' },
      },
    ],
  },
  {
    name: 'reports an overdue review even without a limit',
    rules: {},
    role: { id: 'r', review: { nextReview: '2026-09-30' } },
    expected: [
      {
        code: 'lp.review-overdue',
        severity: 'warning',
        path: '/review/next_review',
        subject: { role: 'r' },
      },
    ],
  },
  {
    name: 'accepts a review due today',
    rules: { maxReviewDays: 0 },
    role: { id: 'r', review: { nextReview: today } },
    expected: [],
  },
  {
    name: 'accepts a review exactly the limit away',
    rules: { maxReviewDays: 365 },
    role: { id: 'r', review: { nextReview: '2027-10-01' } },
    expected: [],
  },
  {
    name: 'reports a review one day past the limit',
    rules: { maxReviewDays: 365 },
    role: { id: 'r', review: { nextReview: '2027-10-02' } },
    expected: [
      {
        code: 'lp.review-too-far',
        severity: 'error',
        path: '/review/next_review',
        subject: { role: 'r' },
      },
    ],
  },
  {
    name: 'leaves a malformed review date to the schema',
    rules: { maxReviewDays: 30 },
    role: { id: 'r', review: { nextReview: '2026-02-30' } },
    expected: [],
  },
];

describe('evaluateLeastPrivilege', () => {
  it.each(cases)('$name', ({ rules, role, expected }) => {
    const catalogue = buildCatalogue({
      roles: [buildRole(role)],
      leastPrivilege: rules,
    });

    const findings = evaluateLeastPrivilege(catalogue, { today });

    expect(
      findings.map(({ code, severity, path, subject }) => ({
        code,
        severity,
        path,
        subject,
      })),
    ).toEqual(expected);
    for (const finding of findings) expect(finding.file).toBe('roles/r.yaml');
  });

  it('rejects an invalid today', () => {
    expect(() =>
      evaluateLeastPrivilege(buildCatalogue(), { today: '01/10/2026' }),
    ).toThrow('Invalid date 01/10/2026 for today');
  });
});

describe('dayNumber', () => {
  it.each([
    { date: '1970-01-02', day: 1 },
    { date: '2024-03-01', day: 19783 },
    { date: '2024-02-29', day: 19782 },
    { date: '2023-02-29', day: undefined },
    { date: '2026-13-01', day: undefined },
    { date: '0050-01-01', day: undefined },
    { date: '2026-1-1', day: undefined },
  ])('returns $day for $date', ({ date, day }) => {
    expect(dayNumber(date)).toBe(day);
  });
});
