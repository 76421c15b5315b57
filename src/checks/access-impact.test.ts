import { describe, expect, it } from 'vitest';
import type { Finding, Inventory } from '../model/index.ts';
import type {
  AccessChange,
  AccessImpact,
  AccessImpactOptions,
} from './access-impact.ts';
import { computeAccessImpact, impactFindings } from './access-impact.ts';
import {
  entitlementsOf,
  resolveAccess,
  rolesById,
} from './effective-access.ts';
import type { CatalogueSpec } from './fixtures.ts';
import {
  buildCatalogue,
  buildException,
  buildFunction,
  buildIdentity,
  buildInventory,
  buildRisk,
  buildRole,
} from './fixtures.ts';

const today = '2026-10-01';

const inventory = buildInventory({
  identities: [
    buildIdentity('u1', 'human', { department: 'Finance' }),
    buildIdentity('u2', 'human', { department: 'Sales' }),
    buildIdentity('svc', 'service-account', { department: 'Finance' }),
  ],
  entitlements: [
    'sap:FB60',
    { id: 'sap:SU01', system: 'sap', risk: 'critical' },
    { id: 'sap:FK01', system: 'sap', risk: 'high' },
  ],
});

function impact(
  before: CatalogueSpec,
  after: CatalogueSpec,
  options: Partial<AccessImpactOptions> = {},
): AccessImpact {
  return computeAccessImpact(buildCatalogue(before), buildCatalogue(after), {
    today,
    baseRef: 'origin/main',
    policyChanges: [],
    ...options,
  });
}

const clerk = (entitlements: string[], members = ['u1']) =>
  buildRole({ id: 'clerk', entitlements, members });

interface DiffCase {
  name: string;
  before: CatalogueSpec;
  after: CatalogueSpec;
  inventory?: Inventory;
  gains: AccessChange[];
  losses: AccessChange[];
}

const diffCases: DiffCase[] = [
  {
    name: 'reports nothing for identical catalogues',
    before: { roles: [clerk(['x:a'])] },
    after: { roles: [clerk(['x:a'])] },
    gains: [],
    losses: [],
  },
  {
    name: 'reports nothing when only the order of a list changes',
    before: { roles: [clerk(['x:a', 'x:b'], ['u1', 'u2'])] },
    after: { roles: [clerk(['x:b', 'x:a'], ['u2', 'u1'])] },
    gains: [],
    losses: [],
  },
  {
    name: 'reports a gain for every member when a role grows',
    before: { roles: [clerk(['x:a'], ['u2', 'u1'])] },
    after: { roles: [clerk(['x:a', 'x:b'], ['u2', 'u1'])] },
    gains: [
      { identity: 'u1', entitlement: 'x:b', via: ['clerk'] },
      { identity: 'u2', entitlement: 'x:b', via: ['clerk'] },
    ],
    losses: [],
  },
  {
    name: 'reports losses for a removed member through the old role',
    before: { roles: [clerk(['x:a', 'x:b'], ['u1', 'u2'])] },
    after: { roles: [clerk(['x:a', 'x:b'], ['u1'])] },
    gains: [],
    losses: [
      { identity: 'u2', entitlement: 'x:a', via: ['clerk'] },
      { identity: 'u2', entitlement: 'x:b', via: ['clerk'] },
    ],
  },
  {
    name: 'reports nothing when access moves between roles',
    before: {
      roles: [
        clerk(['x:a', 'x:b']),
        buildRole({ id: 'lead', members: ['u1'] }),
      ],
    },
    after: {
      roles: [
        clerk(['x:a']),
        buildRole({ id: 'lead', entitlements: ['x:b'], members: ['u1'] }),
      ],
    },
    gains: [],
    losses: [],
  },
  {
    name: 'lists every role and the exception that grant a gain',
    before: { roles: [clerk(['x:a'])] },
    after: {
      roles: [
        clerk(['x:a', 'x:b']),
        buildRole({ id: 'aa', entitlements: ['x:b'], members: ['u1'] }),
      ],
      exceptions: [buildException({ identity: 'u1', entitlement: 'x:b' })],
    },
    gains: [
      { identity: 'u1', entitlement: 'x:b', via: ['aa', 'clerk', 'exception'] },
    ],
    losses: [],
  },
  {
    name: 'reports a role removed from the catalogue as losses',
    before: { roles: [clerk(['x:a'])] },
    after: {},
    gains: [],
    losses: [{ identity: 'u1', entitlement: 'x:a', via: ['clerk'] }],
  },
  {
    name: 'reports a new exception and ignores one that expired on both sides',
    before: {
      exceptions: [
        buildException({
          identity: 'u2',
          entitlement: 'x:old',
          expires: today,
        }),
      ],
    },
    after: {
      exceptions: [
        buildException({
          identity: 'u2',
          entitlement: 'x:old',
          expires: today,
        }),
        buildException({ identity: 'u1', entitlement: 'x:new' }),
      ],
    },
    gains: [{ identity: 'u1', entitlement: 'x:new', via: ['exception'] }],
    losses: [],
  },
  {
    name: 'reports identities newly matched by changed criteria',
    before: {
      roles: [
        buildRole({
          id: 'fin',
          entitlements: ['sap:FB60'],
          criteria: [{ department: 'Sales' }],
        }),
      ],
    },
    after: {
      roles: [
        buildRole({
          id: 'fin',
          entitlements: ['sap:FB60'],
          criteria: [{ department: 'Finance' }],
        }),
      ],
    },
    inventory,
    gains: [
      { identity: 'svc', entitlement: 'sap:FB60', via: ['fin'] },
      { identity: 'u1', entitlement: 'sap:FB60', via: ['fin'] },
    ],
    losses: [{ identity: 'u2', entitlement: 'sap:FB60', via: ['fin'] }],
  },
  {
    name: 'diffs members the inventory does not know',
    before: { roles: [clerk(['x:a'], ['ghost'])] },
    after: { roles: [clerk(['x:a', 'x:b'], ['ghost', 'u1'])] },
    inventory,
    gains: [
      { identity: 'ghost', entitlement: 'x:b', via: ['clerk'] },
      { identity: 'u1', entitlement: 'x:a', via: ['clerk'] },
      { identity: 'u1', entitlement: 'x:b', via: ['clerk'] },
    ],
    losses: [],
  },
];

describe('computeAccessImpact', () => {
  it.each(diffCases)('$name', (c) => {
    const result = impact(c.before, c.after, {
      ...(c.inventory !== undefined && { inventory: c.inventory }),
    });

    expect(result.gains).toEqual(c.gains);
    expect(result.losses).toEqual(c.losses);
  });

  it('classifies gains as critical by pattern or by inventory rating', () => {
    const before = { roles: [clerk([], ['u1'])] };
    const after = {
      roles: [clerk(['sap:F110', 'sap:SU01', 'sap:FK01'], ['u1'])],
      leastPrivilege: { critical: ['sap:F1*'] },
    };

    const result = impact(before, after, { inventory });

    expect(result.newCritical).toEqual([
      { identity: 'u1', entitlement: 'sap:F110' },
      { identity: 'u1', entitlement: 'sap:SU01' },
    ]);
  });

  it('classifies gains by the risks whose scope and functions they meet', () => {
    const policies = {
      functions: [
        buildFunction('vendor', ['sap:FK*']),
        buildFunction('pay', ['sap:F110']),
      ],
      risks: [
        buildRisk({ id: 'R2', functions: ['vendor', 'pay'] }),
        buildRisk({
          id: 'R1',
          functions: ['vendor'],
          scope: { kinds: ['human'], systems: [] },
        }),
        buildRisk({
          id: 'R3',
          functions: ['vendor'],
          scope: { kinds: [], systems: ['erp'] },
        }),
      ],
    };
    const role = buildRole({
      id: 'r',
      entitlements: ['sap:FK01', 'sap:FB60'],
      members: ['u1', 'svc', 'ghost'],
    });

    const result = impact({}, { roles: [role], policies }, { inventory });

    expect(result.newSodRelevant).toEqual([
      { identity: 'ghost', entitlement: 'sap:FK01', risks: ['R1', 'R2'] },
      { identity: 'svc', entitlement: 'sap:FK01', risks: ['R2'] },
      { identity: 'u1', entitlement: 'sap:FK01', risks: ['R1', 'R2'] },
    ]);
  });

  it('classifies with the policies of the after side only', () => {
    const strict = { leastPrivilege: { critical: ['x:*'] } };
    const without = { roles: [clerk([])] };
    const granted = { roles: [clerk(['x:a'])] };

    const laxAfter = impact({ ...without, ...strict }, granted);
    const strictAfter = impact(without, { ...granted, ...strict });

    expect(laxAfter.newCritical).toEqual([]);
    expect(strictAfter.newCritical).toEqual([
      { identity: 'u1', entitlement: 'x:a' },
    ]);
  });

  it('carries the base ref and sorts policy changes', () => {
    const result = impact(
      {},
      {},
      {
        policyChanges: [
          {
            file: 'policies/z.yaml',
            status: 'deleted',
            owners: ['@b', '@a', '@b'],
          },
          { file: 'policies/a.yaml', status: 'added', owners: [] },
        ],
      },
    );

    expect(result).toEqual({
      base: 'origin/main',
      gains: [],
      losses: [],
      newCritical: [],
      newSodRelevant: [],
      policyChanges: [
        { file: 'policies/a.yaml', status: 'added', owners: [] },
        { file: 'policies/z.yaml', status: 'deleted', owners: ['@a', '@b'] },
      ],
    });
  });
});

describe('impactFindings', () => {
  const empty: AccessImpact = {
    base: 'main',
    gains: [],
    losses: [],
    newCritical: [],
    newSodRelevant: [],
    policyChanges: [],
  };

  it.each<{ name: string; impact: Partial<AccessImpact>; expected: Finding[] }>(
    [
      { name: 'returns nothing for an empty impact', impact: {}, expected: [] },
      {
        name: 'warns about new critical access',
        impact: { newCritical: [{ identity: 'u1', entitlement: 'sap:F110' }] },
        expected: [
          {
            code: 'impact.new-critical-access',
            severity: 'warning',
            message: 'u1 gains critical entitlement sap:F110',
            hint: 'Confirm that the identity needs this access before approving.',
            subject: { identity: 'u1', entitlements: ['sap:F110'] },
          },
        ],
      },
      {
        name: 'notes new SoD-relevant access once per risk',
        impact: {
          newSodRelevant: [
            { identity: 'u1', entitlement: 'sap:FK01', risks: ['R1', 'R2'] },
          ],
        },
        expected: ['R1', 'R2'].map((risk) => ({
          code: 'impact.new-sod-access',
          severity: 'note',
          message: `u1 gains sap:FK01, which counts towards SoD risk ${risk}`,
          subject: { identity: 'u1', risk, entitlements: ['sap:FK01'] },
        })),
      },
      {
        name: 'warns that a changed policy file needs its owners',
        impact: {
          policyChanges: [
            {
              file: 'policies/b.yaml',
              status: 'modified',
              owners: ['@acme/grc'],
            },
            { file: 'policies/a.yaml', status: 'added', owners: [] },
          ],
        },
        expected: [
          {
            code: 'policy.changed',
            severity: 'warning',
            file: 'policies/a.yaml',
            message: 'Policy file added; it needs approval by a policy owner',
            hint: 'Policies are judged from the base branch until this change merges.',
          },
          {
            code: 'policy.changed',
            severity: 'warning',
            file: 'policies/b.yaml',
            message: 'Policy file modified; it needs approval by @acme/grc',
            hint: 'Policies are judged from the base branch until this change merges.',
          },
        ],
      },
    ],
  )('$name', ({ impact: partial, expected }) => {
    expect(impactFindings({ ...empty, ...partial })).toEqual(expected);
  });
});

describe('computeAccessImpact against a full diff', () => {
  // A fixed-seed generator, so a failure reproduces.
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 48_271) % 2_147_483_647;
    return seed % n;
  };
  const people = buildInventory({
    identities: Array.from({ length: 120 }, (_, i) =>
      buildIdentity(`u${i}`, i % 9 === 0 ? 'bot' : 'human', {
        team: `t${random(6)}`,
        site: `s${random(3)}`,
      }),
    ),
  });
  const someRole = (id: string) =>
    buildRole({
      id,
      entitlements: Array.from(
        { length: 1 + random(5) },
        () => `x:${random(30)}`,
      ),
      members: Array.from({ length: random(6) }, () => `u${random(130)}`),
      criteria:
        random(3) === 0
          ? [
              {
                team: `t${random(6)}`,
                site: [`s${random(3)}`, `s${random(3)}`],
              },
            ]
          : [],
    });
  const someExceptions = () =>
    Array.from({ length: 10 }, () =>
      buildException({
        identity: `u${random(130)}`,
        entitlement: `x:${random(30)}`,
        ...(random(2) === 0 && {
          expires: random(2) === 0 ? '2026-01-01' : '2027-01-01',
        }),
      }),
    );

  const held = (catalogue: ReturnType<typeof buildCatalogue>) => {
    const roles = rolesById(catalogue.roles);
    const access = resolveAccess(catalogue, people, { today });
    return new Set(
      access.identities.flatMap((grants) =>
        [...entitlementsOf(grants, roles)].map((e) => `${grants.id} ${e}`),
      ),
    );
  };

  it.each([1, 2, 3, 4, 5])('agrees on generated catalogue %i', () => {
    const roles = Array.from({ length: 40 }, (_, i) => someRole(`r${i}`));
    const changed = roles.map((role, i) =>
      i % 4 === 0 ? someRole(role.role.id) : role,
    );
    changed.splice(5, 2, someRole('r-new'));
    const before = buildCatalogue({ roles, exceptions: someExceptions() });
    const after = buildCatalogue({
      roles: changed,
      exceptions: someExceptions(),
    });

    const result = computeAccessImpact(before, after, {
      inventory: people,
      today,
      baseRef: 'main',
      policyChanges: [],
    });

    expect(result.gains.length).toBeGreaterThan(0);
    expect(result.losses.length).toBeGreaterThan(0);
    const was = held(before);
    const now = held(after);
    const pairs = (changes: AccessChange[]) =>
      changes.map((c) => `${c.identity} ${c.entitlement}`);
    expect(pairs(result.gains)).toEqual(
      [...now].filter((p) => !was.has(p)).sort(),
    );
    expect(pairs(result.losses)).toEqual(
      [...was].filter((p) => !now.has(p)).sort(),
    );
  });
});
