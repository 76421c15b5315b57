import { describe, expect, it } from 'vitest';
import type { MiningResult } from '../types.ts';
import { checkGovernedInvariants } from './invariants.ts';
import { mineGoverned } from './mine-governed.ts';
import type { GovernedOptions } from './options.ts';
import type { PersonSpec } from './test-inventory.ts';
import { inventoryOf, team } from './test-inventory.ts';

const clerk = { department: 'Finance', title: 'Clerk' };

function mine(people: PersonSpec[], options: GovernedOptions = {}) {
  const inventory = inventoryOf(people);
  const result = mineGoverned(inventory, { verify: true, ...options });
  return { inventory, result };
}

function reasonOf(result: MiningResult, identity: string, entitlement: string) {
  return result.exceptions.find(
    (e) => e.identity === identity && e.entitlement === entitlement,
  )?.reason;
}

function roleWith(result: MiningResult, entitlement: string) {
  return result.roles.filter((r) => r.entitlements.includes(entitlement));
}

describe('mineGoverned: people and machines', () => {
  it('mines people and machines with the same access into separate roles', () => {
    const { result } = mine([
      ...team('p', 5, ['a:1', 'a:2', 'a:3'], clerk),
      ...team('svc', 5, ['a:1', 'a:2', 'a:3'], clerk, 'service-account'),
    ]);

    const audiences = result.roles.map((r) => [r.audience, r.identities]);
    expect(audiences).toContainEqual([
      'human',
      ['p-01', 'p-02', 'p-03', 'p-04', 'p-05'],
    ]);
    expect(audiences).toContainEqual([
      'machine',
      ['svc-01', 'svc-02', 'svc-03', 'svc-04', 'svc-05'],
    ]);
    for (const role of result.roles) {
      const machine = role.identities.some((id) => id.startsWith('svc'));
      expect(machine).toBe(role.audience === 'machine');
    }
  });

  it('treats identities of assumed kind as people and says so', () => {
    const people = team('p', 4, ['a:1', 'a:2'], clerk);
    const assumed: PersonSpec = {
      id: 'x-assumed',
      kind: 'service-account',
      kindAssumed: true,
      attributes: clerk,
      holds: ['a:1', 'a:2'],
    };

    const { result } = mine([...people, assumed]);

    expect(roleWith(result, 'a:1')[0]?.identities).toContain('x-assumed');
    expect(roleWith(result, 'a:1')[0]?.audience).toBe('human');
    expect(result.algorithm.parameters['kindAssumed']).toEqual({
      identities: 1,
      treatedAs: 'human',
    });
  });
});

describe('mineGoverned: no added access, nothing lost', () => {
  it('leaves out of a role the member who lacks one of its entitlements', () => {
    const people = [
      ...team('p', 5, ['a:1', 'a:2', 'a:3'], clerk),
      { id: 'q', attributes: clerk, holds: ['a:1', 'a:2'] },
    ];

    const { inventory, result } = mine(people);

    const role = roleWith(result, 'a:3')[0];
    expect(role?.entitlements).toEqual(['a:1', 'a:2', 'a:3']);
    expect(role?.identities).not.toContain('q');
    expect(reasonOf(result, 'q', 'a:1')).toBe('uncovered');
    expect(checkGovernedInvariants(inventory, result)).toEqual([]);
  });

  it('accounts for every input assignment exactly once', () => {
    const people = [
      ...team('p', 6, ['a:1', 'a:2'], clerk),
      { id: 'r', attributes: clerk, holds: ['a:1', 'z:solo', 'z:pair'] },
      { id: 's', holds: ['z:pair'] },
    ];

    const { inventory, result } = mine(people);

    const inRoles = result.roles.reduce(
      (n, r) => n + r.identities.length * r.entitlements.length,
      0,
    );
    expect(inRoles + result.exceptions.length).toBe(
      inventory.assignments.length,
    );
    expect(result.metrics.coverage).toBeCloseTo(inRoles / 16, 10);
  });
});

describe('mineGoverned: exceptions and their reasons', () => {
  const old = (lastUsedAt: string) => ({ lastUsedAt });
  const cases: {
    name: string;
    extra: PersonSpec;
    entitlement: string;
    reason: string | undefined;
  }[] = [
    {
      name: 'reports access nobody else holds as one-off',
      extra: { id: 'x', attributes: clerk, holds: ['a:1', 'a:2', 'z:solo'] },
      entitlement: 'z:solo',
      reason: 'one-off',
    },
    {
      name: 'keeps access unused for 212 days out of roles',
      extra: {
        id: 'x',
        attributes: clerk,
        holds: ['a:1', 'a:2'],
        overrides: { 'a:2': old('2025-11-01T00:00:00Z') },
      },
      entitlement: 'a:2',
      reason: 'unused',
    },
    {
      name: 'keeps access used 179 days ago inside its role',
      extra: {
        id: 'x',
        attributes: clerk,
        holds: ['a:1', 'a:2'],
        overrides: { 'a:2': old('2025-12-04T00:00:00Z') },
      },
      entitlement: 'a:2',
      reason: undefined,
    },
    {
      name: 'reports a recent grant to an on-call identity as volatile',
      extra: {
        id: 'oncall-1',
        attributes: clerk,
        holds: ['a:1', 'a:2'],
        overrides: { 'a:2': { grantedAt: '2026-05-25T00:00:00Z' } },
      },
      entitlement: 'a:2',
      reason: 'volatile',
    },
    {
      name: 'keeps a recent grant to an ordinary identity inside its role',
      extra: {
        id: 'x',
        attributes: clerk,
        holds: ['a:1', 'a:2'],
        overrides: { 'a:2': { grantedAt: '2026-05-25T00:00:00Z' } },
      },
      entitlement: 'a:2',
      reason: undefined,
    },
    {
      name: 'reports a grant from a just-in-time source as volatile',
      extra: {
        id: 'x',
        attributes: clerk,
        holds: ['a:1', 'a:2'],
        overrides: { 'a:2': { provenance: { source: 'pam-jit' } } },
      },
      entitlement: 'a:2',
      reason: 'volatile',
    },
  ];

  it.each(cases)('$name', ({ extra, entitlement, reason }) => {
    const { result } = mine([...team('p', 5, ['a:1', 'a:2'], clerk), extra]);

    expect(reasonOf(result, extra.id, entitlement)).toBe(reason);
    const inRole = roleWith(result, entitlement).some((r) =>
      r.identities.includes(extra.id),
    );
    expect(inRole).toBe(reason === undefined);
  });

  it('reports access held by fewer than minMembers as rare', () => {
    const people = [
      ...team('p', 5, ['a:1'], clerk),
      { id: 'x', attributes: clerk, holds: ['a:1', 'z:two'] },
      { id: 'y', attributes: clerk, holds: ['a:1', 'z:two'] },
    ];

    const { result } = mine(people);

    expect(reasonOf(result, 'x', 'z:two')).toBe('rare');
    const two = mine(people, { minMembers: 2 }).result;
    expect(reasonOf(two, 'x', 'z:two')).toBeUndefined();
    expect(roleWith(two, 'z:two')[0]?.identities).toEqual(['x', 'y']);
  });

  it('lists volatile access as just-in-time candidates', () => {
    const responder: PersonSpec = {
      id: 'oncall-1',
      holds: ['aws:break-glass'],
      overrides: { 'aws:break-glass': { grantedAt: '2026-05-30T00:00:00Z' } },
    };

    const { result } = mine([...team('p', 3, ['a:1'], clerk), responder]);

    expect(result.justInTime).toEqual([
      { entitlement: 'aws:break-glass', identities: ['oncall-1'] },
    ]);
  });

  it('measures disuse from the newest timestamp in the data, not the clock', () => {
    const at = (lastUsedAt: string) => ({
      'a:1': { grantedAt: '2019-01-01T00:00:00Z', lastUsedAt },
      'a:2': { grantedAt: '2019-01-01T00:00:00Z', lastUsedAt },
    });
    const people = team('p', 4, ['a:1', 'a:2'], clerk).map((p, n) => ({
      ...p,
      overrides: at(n === 0 ? '2020-03-01T00:00:00Z' : '2020-01-01T00:00:00Z'),
    }));

    const { result } = mine(people);

    expect(result.dataDate).toBe('2020-03-01');
    expect(result.exceptions).toEqual([]);
  });
});
