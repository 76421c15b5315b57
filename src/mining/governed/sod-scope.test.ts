import { describe, expect, it } from 'vitest';
import { checkGovernedInvariants } from './invariants.ts';
import { mineGoverned } from './mine-governed.ts';
import type { GovernedRisk } from './options.ts';
import { inventoryOf, team } from './test-inventory.ts';

const grants = (roles: { entitlements: string[] }[]) =>
  roles.flatMap((r) => r.entitlements).sort();

describe('mineGoverned: risk scope', () => {
  const humanOnly: GovernedRisk[] = [
    { id: 'R01', functions: [['ap:post'], ['ap:vendor']], kinds: ['human'] },
  ];

  it('applies a kind-scoped risk to roles of that audience only', () => {
    const inventory = inventoryOf([
      ...team('p', 4, ['ap:post', 'ap:vendor']),
      ...team('svc', 4, ['ap:post', 'ap:vendor'], {}, 'service-account'),
    ]);

    const result = mineGoverned(inventory, {
      sod: { risks: humanOnly },
      verify: true,
    });

    const human = result.roles.filter((r) => r.audience === 'human');
    const machine = result.roles.filter((r) => r.audience === 'machine');
    expect(grants(machine)).toEqual(['ap:post', 'ap:vendor']);
    expect(grants(human)).toHaveLength(1);
    expect(result.sodViolations?.map((v) => v.identity)).toEqual([
      'p-01',
      'p-02',
      'p-03',
      'p-04',
    ]);
    expect(
      checkGovernedInvariants(inventory, result, { risks: humanOnly }),
    ).toEqual([]);
  });

  it('keeps identities of assumed kind in scope of every risk', () => {
    const machineOnly: GovernedRisk[] = [
      { ...(humanOnly[0] as GovernedRisk), kinds: ['service-account'] },
    ];
    const inventory = inventoryOf([
      { id: 'u1', kindAssumed: true, holds: ['ap:post', 'ap:vendor'] },
      { id: 'u2', holds: ['ap:post', 'ap:vendor'] },
    ]);

    const result = mineGoverned(inventory, { sod: { risks: machineOnly } });

    expect(result.sodViolations?.map((v) => v.identity)).toEqual(['u1']);
  });

  it('counts only entitlements of the systems a risk is scoped to', () => {
    const risks: GovernedRisk[] = [
      { id: 'R02', functions: [['*:post'], ['*:vendor']], systems: ['sap'] },
    ];
    const inventory = inventoryOf([
      ...team('a', 4, ['oracle:post', 'oracle:vendor']),
      ...team('b', 4, ['sap:post', 'sap:vendor']),
    ]);

    const result = mineGoverned(inventory, { sod: { risks }, verify: true });

    expect(grants(result.roles)).toContain('oracle:vendor');
    expect(
      grants(result.roles).filter((e) => e.startsWith('sap:')),
    ).toHaveLength(1);
    expect(result.sodViolations?.map((v) => v.identity)).toEqual([
      'b-01',
      'b-02',
      'b-03',
      'b-04',
    ]);
  });
});

describe('mineGoverned: mitigations', () => {
  const risks: GovernedRisk[] = [
    { id: 'R01', functions: [['ap:post'], ['ap:vendor']] },
  ];
  const inventory = inventoryOf([
    { id: 'x', holds: ['ap:post', 'ap:vendor'] },
    { id: 'y', holds: ['ap:post', 'ap:vendor'] },
    { id: 'z', holds: ['ap:post', 'ap:vendor'] },
  ]);

  it('marks a violation mitigated until the mitigation expires', () => {
    const result = mineGoverned(inventory, {
      sod: {
        risks,
        mitigations: [
          { id: 'M1', risk: 'R01', identity: 'x', expires: '2027-01-01' },
          // The data date is 2026-06-01: this one has lapsed.
          { id: 'M2', risk: 'R01', identity: 'y', expires: '2026-06-01' },
          { id: 'M3', risk: 'R99', identity: 'z' },
        ],
      },
    });

    expect(
      result.sodViolations?.map((v) => [v.identity, v.mitigation ?? null]),
    ).toEqual([
      ['x', 'M1'],
      ['y', null],
      ['z', null],
    ]);
  });

  it('still keeps the toxic pair out of roles when it is mitigated', () => {
    const result = mineGoverned(inventory, {
      sod: {
        risks,
        mitigations: [{ id: 'M1', risk: 'R01', identity: 'x' }],
      },
      verify: true,
    });

    expect(grants(result.roles)).not.toEqual(['ap:post', 'ap:vendor']);
  });
});
