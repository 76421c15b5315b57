import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  Assignment,
  Entitlement,
  Identity,
  IdentityKind,
  Inventory,
} from '../model/index.ts';
import type { MergeConflict } from './merge.ts';
import type { QualityIssue, QualityReport } from './quality.ts';
import { DEFAULT_QUALITY_OPTIONS, evaluateQuality } from './quality.ts';
import type { SkippedRecord } from './reader.ts';

const placed = { department: 'Finance', title: 'Clerk' };

function human(id: string, fields: Partial<Identity> = {}): Identity {
  return { id, kind: 'human', attributes: { ...placed }, ...fields };
}

function machine(
  id: string,
  fields: Partial<Identity> = {},
  kind: IdentityKind = 'service-account',
): Identity {
  return { id, kind, owner: 'alice', attributes: {}, ...fields };
}

function entitlement(id: string, fields: Partial<Entitlement> = {}) {
  const described = { description: 'd', owner: '@o', risk: 'low' } as const;
  return { id, system: id.split(':')[0] ?? '', ...described, ...fields };
}

const grant = (
  identity: string,
  entitlementId: string,
  fields: Partial<Assignment> = {},
): Assignment => ({ identity, entitlement: entitlementId, ...fields });

interface InventorySpec {
  identities?: Identity[];
  entitlements?: Entitlement[];
  assignments?: Assignment[];
}

/** A clean inventory: Alice is placed, her service account owned. */
function inventory(spec: InventorySpec = {}): Inventory {
  return {
    identities: spec.identities ?? [human('alice'), machine('svc')],
    entitlements: spec.entitlements ?? [entitlement('sap:F110')],
    assignments: spec.assignments ?? [grant('alice', 'sap:F110')],
    sources: [],
  };
}

interface Extras {
  skipped?: SkippedRecord[];
  conflicts?: MergeConflict[];
}

const issuesOf = (report: QualityReport, code: string) =>
  report.issues.filter((issue) => issue.code === code);

const conflict = (
  kind: MergeConflict['kind'],
  id: string,
  field: string,
): MergeConflict => ({
  kind,
  id,
  field,
  values: [
    { source: 'hr', value: 'a' },
    { source: 'okta', value: 'b' },
  ],
  resolution: 'kept "a"',
});

describe('evaluateQuality', () => {
  it('finds no issue in a clean inventory', () => {
    const report = evaluateQuality(inventory());

    expect(report.issues).toEqual([]);
  });

  it('counts identities, entitlements and assignments per kind and system', () => {
    const report = evaluateQuality({
      ...inventory({
        identities: [
          machine('bot1', {}, 'bot'),
          human('bob'),
          human('alice'),
          machine('svc'),
        ],
        entitlements: [
          entitlement('sap:F110'),
          entitlement('aws:iam:admin'),
          { id: 'sap:FB60', system: '' },
          { id: 'bare', system: '' },
        ],
        assignments: [
          grant('alice', 'sap:F110'),
          grant('bob', 'sap:F110'),
          grant('bot1', 'aws:iam:admin'),
          grant('bob', 'bare'),
        ],
      }),
      sources: [{ source: 'pairs', file: 'a.txt', sha256: 'ab' }],
    });

    expect(report).toMatchObject({
      totals: { identities: 4, entitlements: 4, assignments: 4 },
      sources: [{ source: 'pairs', file: 'a.txt', sha256: 'ab' }],
    });
    expect(Object.entries(report.identitiesByKind)).toEqual([
      ['bot', 1],
      ['human', 2],
      ['service-account', 1],
    ]);
    expect(Object.entries(report.entitlementsBySystem)).toEqual([
      ['(none)', 1],
      ['aws', 1],
      ['sap', 2],
    ]);
    expect(Object.entries(report.assignmentsBySystem)).toEqual([
      ['(none)', 1],
      ['aws', 1],
      ['sap', 2],
    ]);
  });

  interface Case {
    code: string;
    /** Without the problem: the issue is absent. */
    passing: Inventory;
    /** With it: the issue, exactly. */
    failing: Inventory;
    extras?: Extras;
    expected: Omit<QualityIssue, 'code' | 'message' | 'fix'>[];
  }

  const cases: Case[] = [
    {
      code: 'identity.missing-attribute',
      passing: inventory({
        identities: [human('alice'), machine('svc', { attributes: {} })],
      }),
      failing: inventory({
        identities: [
          human('bob', { attributes: { department: 'Ops' } }),
          human('alice', { attributes: { department: ' ', title: 'x' } }),
          human('carol', { attributes: {} }),
          machine('svc'),
        ],
      }),
      expected: [
        { severity: 'warning', count: 2, examples: ['alice', 'carol'] },
        { severity: 'warning', count: 2, examples: ['bob', 'carol'] },
      ],
    },
    {
      code: 'identity.machine-without-owner',
      passing: inventory({
        identities: [
          human('alice'),
          machine('svc'),
          machine('k', {}, 'api-key'),
        ],
      }),
      failing: inventory({
        identities: [
          human('alice'),
          machine('svc', { owner: '' }),
          machine('key', { owner: undefined }, 'api-key'),
          human('bob', { owner: undefined }),
        ],
      }),
      expected: [{ severity: 'warning', count: 2, examples: ['key', 'svc'] }],
    },
    {
      code: 'identity.orphan',
      passing: inventory(),
      failing: inventory({
        assignments: [
          grant('alice', 'sap:F110'),
          grant('ghost', 'sap:F110'),
          grant('ghost', 'sap:FB60'),
          grant('former', 'sap:F110'),
        ],
      }),
      expected: [
        { severity: 'error', count: 2, examples: ['former', 'ghost'] },
      ],
    },
    {
      code: 'identity.machine-owner-unknown',
      passing: inventory({
        identities: [
          human('alice', { email: 'alice@acme.com' }),
          machine('svc', { owner: 'alice' }),
          machine('ci', { owner: 'Alice@Acme.com ' }, 'bot'),
        ],
      }),
      failing: inventory({
        identities: [
          human('alice', { email: 'alice@acme.com' }),
          machine('svc', { owner: 'mallory' }),
          machine('ci', { owner: 'svc' }, 'bot'),
        ],
      }),
      expected: [{ severity: 'warning', count: 2, examples: ['ci', 'svc'] }],
    },
    {
      code: 'identity.duplicate',
      passing: inventory({
        identities: [
          human('alice', { email: 'alice@acme.com', name: 'Alice Smith' }),
          human('bob', { email: 'bob@acme.com', name: 'alice@acme.com' }),
          machine('svc', { email: 'alice@acme.com', name: 'Alice Smith' }),
        ],
      }),
      failing: inventory({
        identities: [
          human('alice', { email: 'alice@acme.com' }),
          human('alice-admin', { email: ' ALICE@acme.com' }),
          human('bob', { name: 'Bob  Jones' }),
          human('bjones', { name: 'bob jones' }),
          human('carol', { name: 'Carol', email: 'carol@acme.com' }),
        ],
      }),
      expected: [
        {
          severity: 'warning',
          count: 4,
          examples: ['alice', 'alice-admin', 'bjones', 'bob'],
        },
      ],
    },
    ...(['description', 'owner', 'risk'] as const).map((field): Case => ({
      code: `entitlement.missing-${field}`,
      passing: inventory(),
      failing: inventory({
        entitlements: [
          entitlement('sap:F110'),
          entitlement('sap:FB60', { [field]: undefined }),
          entitlement('sap:XK01', { [field]: '' }),
        ],
      }),
      expected: [
        {
          severity: field === 'risk' ? 'warning' : 'note',
          count: 2,
          examples: ['sap:FB60', 'sap:XK01'],
        },
      ],
    })),
    {
      code: 'access.never-used',
      passing: inventory({
        assignments: [
          grant('alice', 'aws:s3', { lastUsedAt: '2026-03-01' }),
          grant('alice', 'sap:F110'),
        ],
      }),
      failing: inventory({
        assignments: [
          grant('alice', 'aws:s3', { lastUsedAt: '2026-03-01' }),
          grant('alice', 'aws:ec2', { grantedAt: '2026-01-01' }),
          grant('svc', 'aws:s3'),
          grant('alice', 'sap:F110'),
        ],
      }),
      expected: [
        {
          severity: 'warning',
          count: 2,
          examples: ['alice aws:ec2', 'svc aws:s3'],
        },
      ],
    },
    {
      code: 'access.critical',
      passing: inventory({
        entitlements: [entitlement('aws:admin', { risk: 'high' })],
        assignments: [grant('alice', 'aws:admin')],
      }),
      failing: inventory({
        entitlements: [
          entitlement('aws:admin', { risk: 'critical' }),
          entitlement('aws:read'),
        ],
        assignments: [
          grant('svc', 'aws:admin'),
          grant('alice', 'aws:read'),
          grant('alice', 'aws:admin'),
        ],
      }),
      expected: [
        {
          severity: 'warning',
          count: 2,
          examples: ['alice aws:admin', 'svc aws:admin'],
        },
      ],
    },
    {
      code: 'access.shared-bundle',
      passing: inventory({
        assignments: [
          grant('alice', 'sap:F110'),
          grant('alice', 'sap:FB60'),
          grant('svc', 'sap:F110'),
        ],
      }),
      failing: inventory({
        identities: [
          ...['dan', 'carol', 'bob', 'alice', 'erin'].map((id) => human(id)),
          machine('svc'),
          machine('bot', {}, 'bot'),
        ],
        assignments: [
          ...['alice', 'bob', 'carol', 'dan', 'erin', 'svc', 'bot'].flatMap(
            (id) => [grant(id, 'sap:FB60'), grant(id, 'sap:F110')],
          ),
        ],
      }),
      expected: [
        {
          severity: 'warning',
          count: 1,
          examples: ['bot, svc ~ alice, bob, carol (+2)'],
        },
      ],
    },
    {
      code: 'records.skipped',
      passing: inventory(),
      failing: inventory(),
      extras: {
        skipped: [
          { file: 'b.txt', line: 7, message: 'expected 2 fields, found 3' },
          { file: 'authz.json', path: '/UserDetailList/2', message: 'no arn' },
          { file: 'k8s', line: 3, path: 'document 2', message: 'no kind' },
          { file: 'a.txt', message: 'not UTF-8' },
        ],
      },
      expected: [
        {
          severity: 'error',
          count: 4,
          examples: [
            'a.txt: not UTF-8',
            'authz.json (at /UserDetailList/2): no arn',
            'b.txt:7: expected 2 fields, found 3',
            'k8s:3 (at document 2): no kind',
          ],
        },
      ],
    },
    {
      code: 'merge.identity-kind',
      passing: inventory(),
      failing: inventory(),
      extras: {
        conflicts: [
          conflict('identity-kind', 'u2', 'email'),
          conflict('identity-attribute', 'u1', 'title'),
        ],
      },
      expected: [
        {
          severity: 'error',
          count: 1,
          examples: ['u2 (email: hr=a vs okta=b)'],
        },
      ],
    },
    {
      code: 'merge.identity-attribute',
      passing: inventory(),
      failing: inventory(),
      extras: {
        conflicts: [
          conflict('identity-attribute', 'u1', 'title'),
          conflict('identity-attribute', 'u1', 'department'),
        ],
      },
      expected: [
        {
          severity: 'warning',
          count: 2,
          examples: [
            'u1 (department: hr=a vs okta=b)',
            'u1 (title: hr=a vs okta=b)',
          ],
        },
      ],
    },
    {
      code: 'merge.entitlement-risk',
      passing: inventory(),
      failing: inventory(),
      extras: { conflicts: [conflict('entitlement-risk', 'sap:F110', 'risk')] },
      expected: [
        {
          severity: 'warning',
          count: 1,
          examples: ['sap:F110 (risk: hr=a vs okta=b)'],
        },
      ],
    },
  ];

  it.each(cases)(
    'reports $code when present',
    ({ code, failing, extras, expected }) => {
      const report = evaluateQuality(failing, extras);

      expect(
        issuesOf(report, code).map(({ severity, count, examples }) => ({
          severity,
          count,
          examples,
        })),
      ).toEqual(expected);
    },
  );

  it.each(cases)('does not report $code when absent', ({ code, passing }) => {
    const report = evaluateQuality(passing, { skipped: [], conflicts: [] });

    expect(issuesOf(report, code)).toEqual([]);
  });

  it('names the missing attribute and the fix in each issue', () => {
    const report = evaluateQuality(
      inventory({ identities: [human('alice', { attributes: {} })] }),
    );

    expect(issuesOf(report, 'identity.missing-attribute')).toEqual([
      {
        code: 'identity.missing-attribute',
        severity: 'warning',
        count: 1,
        message:
          'people without "department": attribute-aware mining cannot place them',
        fix: 'add a "department" column or the SCIM enterprise extension to the people source',
        examples: ['alice'],
      },
      {
        code: 'identity.missing-attribute',
        severity: 'warning',
        count: 1,
        message:
          'people without "title": attribute-aware mining cannot place them',
        fix: 'add a "title" column or the SCIM enterprise extension to the people source',
        examples: ['alice'],
      },
    ]);
  });

  it('checks the attributes it is told to require', () => {
    const report = evaluateQuality(
      inventory(),
      {},
      {
        ...DEFAULT_QUALITY_OPTIONS,
        requiredAttributes: ['cost_center'],
      },
    );

    expect(
      issuesOf(report, 'identity.missing-attribute').map((i) => i.message),
    ).toEqual([
      'people without "cost_center": attribute-aware mining cannot place them',
    ]);
  });

  it('does not check machine owners when no person is known', () => {
    const report = evaluateQuality(
      inventory({ identities: [machine('svc', { owner: 'alice' })] }),
    );

    expect(issuesOf(report, 'identity.machine-owner-unknown')).toEqual([]);
  });
});

describe('evaluateQuality: disabled accounts', () => {
  it.each([
    'disabled',
    'Inactive',
    'TERMINATED',
    ' suspended ',
    'deprovisioned',
    'false',
  ])('reports an account with status "%s" that holds access', (status) => {
    const report = evaluateQuality(
      inventory({
        identities: [human('alice', { status }), machine('svc', { status })],
        assignments: [grant('alice', 'sap:F110'), grant('svc', 'sap:F110')],
      }),
    );

    expect(issuesOf(report, 'identity.disabled-with-access')).toMatchObject([
      { severity: 'error', count: 2, examples: ['alice', 'svc'] },
    ]);
  });

  it.each(['active', 'true', '', 'disabled-soon'])(
    'does not report an account with status "%s"',
    (status) => {
      const report = evaluateQuality(
        inventory({ identities: [human('alice', { status })] }),
      );

      expect(issuesOf(report, 'identity.disabled-with-access')).toEqual([]);
    },
  );

  it('does not report a disabled account without access', () => {
    const report = evaluateQuality(
      inventory({
        identities: [human('alice'), human('bob', { status: 'disabled' })],
      }),
    );

    expect(issuesOf(report, 'identity.disabled-with-access')).toEqual([]);
  });
});

describe('evaluateQuality: stale access', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const usage = inventory({
    assignments: [
      grant('alice', 'aws:s3', { lastUsedAt: '2026-06-30T12:00:00Z' }),
      grant('alice', 'aws:ec2', { lastUsedAt: '2026-04-01T12:00:00Z' }),
      grant('alice', 'aws:iam', { lastUsedAt: '2026-04-01T11:59:59Z' }),
      grant('svc', 'aws:s3', { lastUsedAt: '2025-01-01' }),
      grant('svc', 'aws:ec2', { grantedAt: '2026-06-29' }),
    ],
  });

  it('measures staleness from the newest timestamp in the data', () => {
    const report = evaluateQuality(usage);

    expect(report.dataDate).toBe('2026-06-30T12:00:00.000Z');
    expect(issuesOf(report, 'access.stale')).toEqual([
      {
        code: 'access.stale',
        severity: 'warning',
        count: 2,
        message: 'access not used in the 90 days before 2026-06-30',
        fix: 'review and revoke; mining leaves stale access out of roles',
        examples: ['alice aws:iam', 'svc aws:s3'],
      },
    ]);
  });

  it('uses the number of days it is given', () => {
    const report = evaluateQuality(
      usage,
      {},
      {
        ...DEFAULT_QUALITY_OPTIONS,
        staleDays: 1000,
      },
    );

    expect(issuesOf(report, 'access.stale')).toEqual([]);
  });

  it('takes the data date from a grant newer than any use', () => {
    const report = evaluateQuality(
      inventory({
        assignments: [
          grant('alice', 'aws:s3', { lastUsedAt: '2026-01-01T00:00:00Z' }),
          grant('svc', 'aws:s3', { grantedAt: '2026-12-01T00:00:00Z' }),
        ],
      }),
    );

    expect(report.dataDate).toBe('2026-12-01T00:00:00.000Z');
    expect(issuesOf(report, 'access.stale')[0]?.examples).toEqual([
      'alice aws:s3',
    ]);
  });

  it('has no data date and no stale access without timestamps', () => {
    const report = evaluateQuality(inventory());

    expect(report.dataDate).toBeUndefined();
    expect('dataDate' in report).toBe(false);
    expect(issuesOf(report, 'access.stale')).toEqual([]);
  });

  it('ignores timestamps it cannot read', () => {
    const report = evaluateQuality(
      inventory({
        assignments: [grant('alice', 'aws:s3', { lastUsedAt: 'yesterday' })],
      }),
    );

    expect(report.dataDate).toBeUndefined();
    expect(issuesOf(report, 'access.stale')).toEqual([]);
  });

  it('gives the same report whatever the date', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-07-01T00:00:00Z'));
    const early = evaluateQuality(usage);
    vi.setSystemTime(new Date('2031-02-03T00:00:00Z'));
    const late = evaluateQuality(usage);

    expect(late).toEqual(early);
  });

  it('gives the same report whatever the time zone', () => {
    const zoneless = inventory({
      assignments: [
        grant('alice', 'aws:s3', { lastUsedAt: '2026-06-30T00:00:00' }),
        grant('svc', 'aws:s3', { lastUsedAt: '2026-04-01T00:00' }),
      ],
    });
    const before = process.env.TZ;
    const reports = ['UTC', 'America/New_York', 'Asia/Tokyo'].map((zone) => {
      process.env.TZ = zone;
      return evaluateQuality(zoneless);
    });
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;

    expect(reports[0]?.dataDate).toBe('2026-06-30T00:00:00.000Z');
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[2]).toEqual(reports[0]);
  });
});

describe('evaluateQuality: determinism', () => {
  const many = Array.from({ length: 15 }, (_, i) =>
    machine(`svc-${String(15 - i).padStart(2, '0')}`, { owner: undefined }),
  );

  it('keeps sorted examples up to the sample size and counts them all', () => {
    const report = evaluateQuality(inventory({ identities: many }));

    expect(issuesOf(report, 'identity.machine-without-owner')).toMatchObject([
      {
        count: 15,
        examples: [
          'svc-01',
          'svc-02',
          'svc-03',
          'svc-04',
          'svc-05',
          'svc-06',
          'svc-07',
          'svc-08',
          'svc-09',
          'svc-10',
        ],
      },
    ]);
  });

  it('keeps as many examples as it is told', () => {
    const report = evaluateQuality(
      inventory({ identities: many }),
      {},
      {
        ...DEFAULT_QUALITY_OPTIONS,
        sampleSize: 2,
      },
    );

    expect(issuesOf(report, 'identity.machine-without-owner')).toMatchObject([
      { count: 15, examples: ['svc-01', 'svc-02'] },
    ]);
  });

  it('gives the same report whatever the order of the records', () => {
    const spec = {
      identities: [
        human('bob', { attributes: {} }),
        human('alice', { status: 'disabled' }),
        machine('svc', { owner: 'nobody' }),
        machine('bot', { owner: undefined }, 'bot'),
      ],
      entitlements: [
        entitlement('sap:A', { risk: undefined }),
        entitlement('aws:B'),
      ],
      assignments: [
        grant('alice', 'sap:A', { lastUsedAt: '2026-01-01' }),
        grant('svc', 'sap:A', { lastUsedAt: '2025-01-01' }),
        grant('bot', 'sap:A'),
        grant('ghost', 'aws:B'),
      ],
    };
    const reversed = {
      identities: [...spec.identities].reverse(),
      entitlements: [...spec.entitlements].reverse(),
      assignments: [...spec.assignments].reverse(),
    };

    const forward = evaluateQuality(inventory(spec));
    const backward = evaluateQuality(inventory(reversed));

    expect(backward).toEqual(forward);
    expect(forward.issues.map((i) => i.code)).toEqual([
      'identity.missing-attribute',
      'identity.missing-attribute',
      'identity.machine-without-owner',
      'identity.disabled-with-access',
      'identity.orphan',
      'identity.machine-owner-unknown',
      'entitlement.missing-risk',
      'access.stale',
      'access.never-used',
      'access.shared-bundle',
    ]);
  });
});
