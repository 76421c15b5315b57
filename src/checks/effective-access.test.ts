import { describe, expect, it } from 'vitest';
import type { Inventory } from '../model/index.ts';
import {
  entitlementsOf,
  indexMembers,
  isExceptionActive,
  membersByRole,
  resolveAccess,
  rolesById,
} from './effective-access.ts';
import type { CatalogueSpec } from './fixtures.ts';
import {
  buildCatalogue,
  buildException,
  buildIdentity,
  buildInventory,
  buildRole,
} from './fixtures.ts';

const people = buildInventory({
  identities: [
    buildIdentity('u1', 'human', { department: 'Finance', title: 'Clerk' }),
    buildIdentity('u2', 'human', { department: 'Finance', title: 'Lead' }),
    buildIdentity('u3', 'human', { department: 'Sales', title: 'Clerk' }),
    buildIdentity(
      'svc1',
      'service-account',
      { department: 'Finance' },
      {
        status: 'active',
        owner: '@alice',
      },
    ),
  ],
});

interface MembershipCase {
  name: string;
  spec: Parameters<typeof buildRole>[0];
  inventory?: Inventory;
  members: string[];
}

const membershipCases: MembershipCase[] = [
  {
    name: 'keeps explicit members without an inventory',
    spec: { id: 'r', members: ['u9', 'u1'] },
    members: ['u1', 'u9'],
  },
  {
    name: 'ignores criteria without an inventory',
    spec: { id: 'r', criteria: [{ department: 'Finance' }] },
    members: [],
  },
  {
    name: 'matches one attribute value',
    spec: { id: 'r', criteria: [{ department: 'Sales' }] },
    inventory: people,
    members: ['u3'],
  },
  {
    name: 'requires every criterion of an entry to match',
    spec: { id: 'r', criteria: [{ department: 'Finance', title: 'Clerk' }] },
    inventory: people,
    members: ['u1'],
  },
  {
    name: 'matches any listed value of a criterion',
    spec: { id: 'r', criteria: [{ title: ['Clerk', 'Lead'] }] },
    inventory: people,
    members: ['u1', 'u2', 'u3'],
  },
  {
    name: 'unites entries and explicit members',
    spec: {
      id: 'r',
      members: ['u1'],
      criteria: [{ title: 'Lead' }, { department: 'Sales' }],
    },
    inventory: people,
    members: ['u1', 'u2', 'u3'],
  },
  {
    name: 'treats kind, status and owner as attributes',
    spec: {
      id: 'r',
      criteria: [
        { kind: 'service-account', status: 'active', owner: '@alice' },
      ],
    },
    inventory: people,
    members: ['svc1'],
  },
  {
    name: 'matches nobody for an empty criteria entry',
    spec: { id: 'r', criteria: [{}] },
    inventory: people,
    members: [],
  },
  {
    name: 'matches nobody for an unknown value',
    spec: { id: 'r', criteria: [{ department: 'Legal' }] },
    inventory: people,
    members: [],
  },
  {
    name: 'never matches inherited object keys',
    spec: { id: 'r', criteria: [{ constructor: 'Object' }] },
    inventory: people,
    members: [],
  },
];

describe('membersByRole', () => {
  it.each(membershipCases)('$name', ({ spec, inventory, members }) => {
    const result = membersByRole([buildRole(spec)], inventory);

    expect(result.get('r')).toEqual(members);
  });

  it('lets the first declaration of a duplicate id win', () => {
    const roles = [
      buildRole({ id: 'r', members: ['u1'] }),
      buildRole({ id: 'r', members: ['u2'], file: 'roles/b/r.yaml' }),
    ];

    expect(membersByRole(roles).get('r')).toEqual(['u1']);
  });
});

describe('attribute precedence', () => {
  it('prefers the identity field over a same-named attribute', () => {
    const inventory = buildInventory({
      identities: [buildIdentity('svc', 'bot', { kind: 'human' })],
    });

    const index = indexMembers(inventory);

    expect(
      index.matchEntry([{ attribute: 'kind', values: ['human'] }]),
    ).toEqual([]);
    expect(index.matchEntry([{ attribute: 'kind', values: ['bot'] }])).toEqual([
      'svc',
    ]);
  });
});

interface AccessCase {
  name: string;
  catalogue: CatalogueSpec;
  today?: string;
  expected: { id: string; roles: string[]; direct: string[] }[];
}

const accessCases: AccessCase[] = [
  {
    name: 'sorts identities, roles and direct entitlements',
    catalogue: {
      roles: [
        buildRole({ id: 'zeta', members: ['u2', 'u1'] }),
        buildRole({ id: 'alpha', members: ['u2'] }),
      ],
      exceptions: [
        buildException({ identity: 'u2', entitlement: 'sap:F110' }),
        buildException({ identity: 'u2', entitlement: 'sap:F000' }),
        buildException({ identity: 'u2', entitlement: 'sap:F110' }),
      ],
    },
    expected: [
      { id: 'u1', roles: ['zeta'], direct: [] },
      { id: 'u2', roles: ['alpha', 'zeta'], direct: ['sap:F000', 'sap:F110'] },
    ],
  },
  {
    name: 'includes identities that only hold exceptions',
    catalogue: {
      exceptions: [buildException({ identity: 'u7', entitlement: 'x:a' })],
    },
    expected: [{ id: 'u7', roles: [], direct: ['x:a'] }],
  },
  {
    name: 'drops exceptions on and after their expiry day',
    today: '2026-12-31',
    catalogue: {
      exceptions: [
        buildException({
          identity: 'u1',
          entitlement: 'x:a',
          expires: '2026-12-31',
        }),
        buildException({
          identity: 'u1',
          entitlement: 'x:b',
          expires: '2027-01-01',
        }),
        buildException({
          identity: 'u2',
          entitlement: 'x:c',
          expires: '2026-01-01',
        }),
      ],
    },
    expected: [{ id: 'u1', roles: [], direct: ['x:b'] }],
  },
  {
    name: 'counts every exception when no day is given',
    catalogue: {
      exceptions: [
        buildException({
          identity: 'u1',
          entitlement: 'x:a',
          expires: '2000-01-01',
        }),
      ],
    },
    expected: [{ id: 'u1', roles: [], direct: ['x:a'] }],
  },
];

describe('resolveAccess', () => {
  it.each(accessCases)('$name', ({ catalogue, today, expected }) => {
    const access = resolveAccess(buildCatalogue(catalogue), undefined, {
      ...(today !== undefined && { today }),
    });

    expect(access.identities).toEqual(expected);
  });

  it('takes identity kinds from the inventory', () => {
    const catalogue = buildCatalogue({
      roles: [buildRole({ id: 'r', members: ['svc1', 'ghost'] })],
    });

    const access = resolveAccess(catalogue, people);

    expect(access.identities).toEqual([
      { id: 'ghost', roles: ['r'], direct: [] },
      { id: 'svc1', kind: 'service-account', roles: ['r'], direct: [] },
    ]);
  });
});

describe('resolveAccess with an inventory', () => {
  it('merges criteria members, explicit members and exception holders', () => {
    const catalogue = buildCatalogue({
      roles: [
        buildRole({ id: 'fin', criteria: [{ department: 'Finance' }] }),
        buildRole({ id: 'all', members: ['u3', 'u1'] }),
      ],
      exceptions: [
        buildException({ identity: 'u2', entitlement: 'x:a' }),
        buildException({ identity: 'u3', entitlement: 'x:b' }),
      ],
    });

    const access = resolveAccess(catalogue, people);

    expect(access.identities).toEqual([
      { id: 'svc1', kind: 'service-account', roles: ['fin'], direct: [] },
      { id: 'u1', kind: 'human', roles: ['all', 'fin'], direct: [] },
      { id: 'u2', kind: 'human', roles: ['fin'], direct: ['x:a'] },
      { id: 'u3', kind: 'human', roles: ['all'], direct: ['x:b'] },
    ]);
  });

  it('keeps the first inventory record of a repeated id', () => {
    const inventory = buildInventory({
      identities: [
        buildIdentity('u1', 'bot', { team: 'a' }),
        buildIdentity('u1', 'human', { team: 'b' }),
      ],
    });
    const catalogue = buildCatalogue({
      roles: [buildRole({ id: 'b', criteria: [{ team: 'b' }] })],
      exceptions: [buildException({ identity: 'u1', entitlement: 'x:a' })],
    });

    const access = resolveAccess(catalogue, inventory);

    expect(access.identities).toEqual([
      { id: 'u1', kind: 'bot', roles: [], direct: ['x:a'] },
    ]);
  });
});

describe('entitlementsOf', () => {
  it('unites role entitlements with direct ones and skips unknown roles', () => {
    const roles = rolesById([
      buildRole({ id: 'a', entitlements: ['x:1', 'x:2'] }),
      buildRole({ id: 'b', entitlements: ['x:2', 'x:3'] }),
    ]);
    const grants = { id: 'u1', roles: ['a', 'b', 'gone'], direct: ['x:9'] };

    expect([...entitlementsOf(grants, roles)].sort()).toEqual([
      'x:1',
      'x:2',
      'x:3',
      'x:9',
    ]);
  });
});

describe('isExceptionActive', () => {
  it.each([
    { expires: undefined, today: '2026-01-01', active: true },
    { expires: '2026-01-02', today: '2026-01-01', active: true },
    { expires: '2026-01-01', today: '2026-01-01', active: false },
    { expires: '2025-12-31', today: '2026-01-01', active: false },
    { expires: '2025-12-31', today: undefined, active: true },
  ])('returns $active for $expires on $today', ({ expires, today, active }) => {
    expect(isExceptionActive(expires, today)).toBe(active);
  });
});
