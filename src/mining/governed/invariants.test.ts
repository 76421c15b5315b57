import { describe, expect, it } from 'vitest';
import type { MiningResult } from '../types.ts';
import { checkGovernedInvariants } from './invariants.ts';
import { mineGoverned } from './mine-governed.ts';
import { inventoryOf, team } from './test-inventory.ts';

const clerk = { department: 'Finance', title: 'Clerk' };
const inventory = inventoryOf([
  ...team('p', 4, ['a:1', 'a:2'], clerk),
  ...team('svc', 3, ['k:1'], {}, 'bot'),
  { id: 'x', attributes: clerk, holds: ['a:1', 'z:solo'] },
]);

/** A fresh valid result to break in one way. */
function valid(): MiningResult {
  return structuredClone(mineGoverned(inventory));
}

describe('checkGovernedInvariants', () => {
  it('accepts what the miner returns', () => {
    expect(
      checkGovernedInvariants(inventory, valid(), { minMembers: 3 }),
    ).toEqual([]);
  });

  const breaches: {
    name: string;
    breach: (result: MiningResult) => void;
    problem: string;
  }[] = [
    {
      name: 'a machine inside a human role',
      breach: (r) => {
        const role = r.roles.find((x) => x.audience === 'human');
        role?.identities.push('svc-01');
        role?.identities.sort();
      },
      problem: 'has machine member svc-01',
    },
    {
      name: 'a role granting access a member lacks',
      breach: (r) => {
        r.roles
          .find((x) => x.entitlements.includes('a:2'))
          ?.identities.push('x');
      },
      problem: 'grants a:2 to x, who does not hold it',
    },
    {
      name: 'an assignment in neither a role nor the exceptions',
      breach: (r) => {
        r.exceptions = r.exceptions.filter((e) => e.entitlement !== 'z:solo');
        r.metrics.exceptions = r.exceptions.length;
      },
      problem: 'assignment x z:solo disappeared',
    },
    {
      name: 'an exception that a role also covers',
      breach: (r) => {
        r.exceptions.push({
          identity: 'p-01',
          entitlement: 'a:1',
          reason: 'rare',
        });
        r.metrics.exceptions = r.exceptions.length;
      },
      problem: 'exception p-01 a:1 is also inside a role',
    },
    {
      name: 'a duplicate role id',
      breach: (r) => {
        const first = r.roles[0];
        if (first !== undefined) r.roles.push({ ...first });
      },
      problem: 'is not unique',
    },
    {
      name: 'a role below minMembers',
      breach: (r) => {
        const role = r.roles.find((x) => x.audience === 'machine');
        if (role !== undefined) role.identities = ['svc-01', 'svc-02'];
        r.exceptions.push({
          identity: 'svc-03',
          entitlement: 'k:1',
          reason: 'rare',
        });
        r.metrics.exceptions = r.exceptions.length;
      },
      problem: 'has 2 members',
    },
  ];

  it.each(breaches)('reports $name', ({ breach, problem }) => {
    const result = valid();

    breach(result);

    const problems = checkGovernedInvariants(inventory, result, {
      minMembers: 3,
    });
    expect(problems.some((p) => p.includes(problem))).toBe(true);
  });

  it('reports a role that holds a toxic combination by itself', () => {
    const risks = [{ id: 'R1', functions: [['a:1'], ['a:2']] }];

    const problems = checkGovernedInvariants(inventory, valid(), { risks });

    expect(problems).toContainEqual(
      expect.stringContaining('completes risk R1'),
    );
  });
});
