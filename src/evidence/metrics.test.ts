import { describe, expect, it } from 'vitest';
import {
  buildCatalogue,
  buildException,
  buildIdentity,
  buildInventory,
  buildRole,
} from '../checks/fixtures.ts';
import type { Finding } from '../model/index.ts';
import { computeMetrics, findingKey, medianOf } from './metrics.ts';
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
      acceptance: 0,
    });
    expect(report.notes.join('\n')).toContain('no branch to read');
    expect(computeMetrics({ snapshots: [], proposals: [] }).proposals).toEqual({
      merged: 0,
      closed: 0,
      open: 0,
    });
  });

  it('takes the median of odd and even counts', () => {
    expect(medianOf([])).toBeUndefined();
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 2, 3])).toBe(2.5);
  });
});
