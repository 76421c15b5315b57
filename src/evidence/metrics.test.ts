import { describe, expect, it } from 'vitest';
import {
  buildCatalogue,
  buildException,
  buildIdentity,
  buildInventory,
  buildRole,
} from '../checks/fixtures.ts';
import type { Finding } from '../model/index.ts';
import { computeMetrics, findingKey, medianOf, sodKeys } from './metrics.ts';
import type { MetricsSnapshot } from './metrics.ts';

const sod = (message: string): Finding => ({
  code: 'sod.role-conflict',
  severity: 'error',
  message,
});

const two = buildCatalogue({
  roles: [
    buildRole({ id: 'a', entitlements: ['e1', 'e2'], members: ['u1', 'u2'] }),
    buildRole({ id: 'b', entitlements: ['e3'], members: ['u1', 'svc'] }),
  ],
});
const three = buildCatalogue({
  roles: [
    ...two.roles,
    buildRole({ id: 'c', entitlements: ['e1', 'e2', 'e3'], members: ['u3'] }),
  ],
  exceptions: [
    buildException({ identity: 'u4', entitlement: 'e9' }),
    buildException({
      identity: 'u5',
      entitlement: 'e9',
      expires: '2026-01-01',
    }),
  ],
});

const snapshots: MetricsSnapshot[] = [
  {
    commit: 'c1',
    date: '2026-11-01T10:00:00Z',
    catalogue: two,
    findings: [sod('old conflict')],
  },
  {
    commit: 'c2',
    date: '2026-11-02T10:00:00Z',
    catalogue: three,
    findings: [sod('old conflict'), sod('merged conflict')],
    via: 'merge',
  },
  {
    commit: 'c3',
    date: '2026-11-03T10:00:00Z',
    catalogue: three,
    findings: [
      sod('merged conflict'),
      sod('direct conflict'),
      { code: 'integrity.dangling', severity: 'error', message: 'not sod' },
    ],
    via: 'direct',
  },
];

describe('computeMetrics', () => {
  it('computes the series at each commit', () => {
    const report = computeMetrics({ snapshots, proposals: [] });
    expect(
      report.points.map((p) => [
        p.commit,
        p.roles,
        p.entitlementsPerRole,
        p.rolesPerIdentity,
        p.exceptions,
        p.sodFindings,
        p.sodIntroducedDirect,
        p.sodIntroducedByMerge,
      ]),
    ).toEqual([
      // u1 holds a and b; u2 and svc one each: 4 / 3 identities.
      ['c1', 2, 1.5, 1.333333, 0, 1, 0, 0],
      // The expired exception no longer counts.
      ['c2', 3, 2, 1.25, 1, 2, 0, 1],
      ['c3', 3, 2, 1.25, 1, 2, 1, 0],
    ]);
    expect(report.sod).toEqual({
      afterMerge: 1,
      viaPullRequest: 1,
      caughtInPullRequest: 0,
      atStart: 1,
    });
  });

  it('judges mixed roles only from known kinds', () => {
    const without = computeMetrics({ snapshots, proposals: [] });
    expect(without.points[0]).toMatchObject({
      mixedRoles: 0,
      unjudgedRoles: 2,
    });
    expect(without.notes.join('\n')).toContain('without --inventory');

    const inventory = buildInventory({
      identities: [
        buildIdentity('u1'),
        buildIdentity('u2'),
        buildIdentity('svc', 'service-account'),
        // A pair file's default kind is no evidence.
        buildIdentity('u3', 'human', {}, { kindAssumed: true }),
      ],
    });
    const report = computeMetrics({ snapshots, proposals: [], inventory });
    expect(report.points.map((p) => [p.mixedRoles, p.unjudgedRoles])).toEqual([
      [1, 0],
      [1, 1],
      [1, 1],
    ]);
  });

  it('counts acceptance, time to merge and SoD caught in pull requests', () => {
    const report = computeMetrics({
      snapshots,
      packSeconds: 4.5,
      proposals: [
        {
          branch: 'rolesmith/roles-a',
          state: 'merged',
          openedAt: '2026-11-01T10:00:00Z',
          mergedAt: '2026-11-01T12:00:00Z',
          roles: ['a'],
        },
        {
          branch: 'rolesmith/roles-b',
          state: 'merged',
          openedAt: '2026-11-01T10:00:00+02:00',
          mergedAt: '2026-11-02T14:00:00Z',
          roles: ['b'],
        },
        {
          branch: 'rolesmith/roles-c',
          state: 'merged',
          openedAt: '2026-11-01T00:00:00Z',
          mergedAt: '2026-11-01T06:00:00Z',
          roles: ['c'],
        },
        {
          branch: 'rolesmith/roles-d',
          state: 'closed',
          roles: ['d'],
          sodFindings: [
            findingKey(sod('old conflict')),
            findingKey(sod('rejected conflict')),
          ],
        },
        { branch: 'rolesmith/roles-e', state: 'open', roles: [] },
        // Not a rolesmith branch: left out.
        { branch: 'feature/x', state: 'closed', roles: [] },
      ],
    });
    expect(report.proposals).toEqual({
      merged: 3,
      closed: 1,
      open: 1,
      superseded: 0,
      acceptance: 0.75,
      // 2 h, 30 h and 6 h.
      medianHoursToMerge: 6,
    });
    // The old conflict was on main too; only the rejected one was caught.
    expect(report.sod.caughtInPullRequest).toBe(1);
    expect(report.packSeconds).toBe(4.5);
    expect(report.notes.join('\n')).not.toContain('caught in pull request');
  });

  it('leaves acceptance and time to merge out without data', () => {
    const report = computeMetrics({
      snapshots: [],
      proposals: [{ branch: 'rolesmith/x', state: 'closed', roles: [] }],
    });
    expect(report.proposals).toEqual({
      merged: 0,
      closed: 1,
      open: 0,
      superseded: 0,
      acceptance: 0,
    });
    expect(report.notes).toContain(
      'caught in pull request: 1 closed proposal could not be evaluated ' +
        '(no branch or head commit in the local repository to read), so ' +
        'their SoD findings are not counted',
    );
    expect(computeMetrics({ snapshots: [], proposals: [] }).proposals).toEqual({
      merged: 0,
      closed: 0,
      open: 0,
      superseded: 0,
    });
  });

  it('counts a squash commit as a merge and says the message alone tells', () => {
    const squashed = snapshots.map((s, i) =>
      i === 2 ? { ...s, via: 'squash' as const } : s,
    );
    const report = computeMetrics({
      snapshots: squashed,
      proposals: [
        { pr: 7, state: 'merged', squash: true, mergedAt: 'x', roles: [] },
      ],
    });
    expect(report.points[2]).toMatchObject({
      sodIntroducedDirect: 0,
      sodIntroducedByMerge: 1,
    });
    expect(report.sod).toMatchObject({ afterMerge: 0, viaPullRequest: 2 });
    // A squash names no branch: it was judged a proposal already.
    expect(report.proposals).toMatchObject({ merged: 1, acceptance: 1 });
    expect(report.notes).toEqual(
      expect.arrayContaining([
        'time to merge: 1 merged proposal has no opening date (a squash ' +
          'commit read offline keeps none), so it is not in the median',
        'squash merges: 1 commit in the window and 1 merged proposal ' +
          'were taken as merges through the pull request the subject names ' +
          '(" (#N)"); offline, squash detection relies on the commit ' +
          'message, which anyone can write',
      ]),
    );
  });

  it('takes the median time to first approval over decided pull requests', () => {
    const pull = (
      pr: number,
      state: 'merged' | 'closed' | 'open' | 'superseded',
      approvedAt?: string,
    ) => ({
      branch: `rolesmith/p${pr}`,
      pr,
      state,
      openedAt: '2026-11-01T10:00:00Z',
      ...(approvedAt !== undefined && { approvedAt }),
      roles: [],
    });
    const report = computeMetrics({
      snapshots: [],
      approvalsRead: true,
      notes: ['from GitHub'],
      proposals: [
        pull(1, 'merged', '2026-11-01T13:00:00Z'),
        pull(2, 'closed', '2026-11-02T10:00:00Z'),
        pull(3, 'merged'),
        // Neither open nor superseded ones are decided.
        pull(4, 'open', '2026-11-01T10:30:00Z'),
        pull(5, 'superseded', '2026-11-01T10:30:00Z'),
      ],
    });
    expect(report.proposals).toMatchObject({
      merged: 2,
      closed: 1,
      open: 1,
      superseded: 1,
      acceptance: 0.666667,
      // 3 h and 24 h.
      medianHoursToApproval: 13.5,
    });
    expect(report.notes[0]).toBe('from GitHub');
    expect(report.notes).toContain(
      'time to approval: 1 of 3 merged or closed pull requests had no ' +
        'approving review, so it is not in the median',
    );
  });

  it('takes the median of odd and even counts', () => {
    expect(medianOf([])).toBeUndefined();
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 2, 3])).toBe(2.5);
  });
});

describe('sodKeys', () => {
  const finding = (code: string, severity: Finding['severity']): Finding => ({
    code,
    severity,
    message: `${code} of u1`,
  });

  it('counts SoD violations but not the conflicts a mitigation covers', () => {
    const keys = sodKeys([
      finding('sod.identity-conflict', 'error'),
      finding('sod.role-conflict', 'warning'),
      finding('sod.mitigated', 'note'),
      finding('lp.review-overdue', 'warning'),
    ]);
    expect(keys).toHaveLength(2);
    expect(keys.join(' ')).not.toContain('sod.mitigated');
  });
});
