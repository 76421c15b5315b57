import { describe, expect, it } from 'vitest';
import type { SodIndex } from './sod-index.ts';
import { buildSodIndex, formatIds } from './sod-index.ts';
import { buildFunction, buildPolicies, buildRisk } from './test-builders.ts';

/** Ids of the risks (and which of their functions) an entitlement feeds. */
function feeds(index: SodIndex, entitlement: string): string[] {
  const slots = index.lookup(entitlement);
  return index.risks.flatMap(({ risk, slots: riskSlots }) =>
    risk.functions
      .filter((_, i) => slots.includes(riskSlots[i] ?? -1))
      .map((fn) => `${risk.id}/${fn}`),
  );
}

const policies = buildPolicies({
  functions: [
    buildFunction('vendor', ['sap:XK01', 'erp:vendor:*']),
    buildFunction('pay', ['sap:F110', 'bank:pay-*']),
    buildFunction('admin', ['*:admin']),
    buildFunction('unused', ['sap:SU01']),
  ],
  risks: [
    buildRisk('P2P-001', ['vendor', 'pay']),
    buildRisk('P2P-002', ['vendor', 'pay'], { scope: { systems: ['sap'] } }),
    buildRisk('ADM-001', ['admin']),
    buildRisk('GHOST-001', ['vendor', 'missing']),
  ],
});

describe('buildSodIndex', () => {
  const cases: { name: string; entitlement: string; expected: string[] }[] = [
    {
      name: 'maps an exact id to every risk function that lists it',
      entitlement: 'sap:XK01',
      expected: ['P2P-001/vendor', 'P2P-002/vendor', 'GHOST-001/vendor'],
    },
    {
      name: 'matches a glob within one segment',
      entitlement: 'erp:vendor:create',
      expected: ['P2P-001/vendor', 'GHOST-001/vendor'],
    },
    {
      name: 'keeps a glob from crossing a `/` segment',
      entitlement: 'erp:vendor:a/b',
      expected: [],
    },
    {
      name: 'keeps entitlements of other systems out of a system-scoped risk',
      entitlement: 'bank:pay-run',
      expected: ['P2P-001/pay'],
    },
    {
      name: 'keeps a system glob from crossing a `/` segment',
      entitlement: 'github:acme/payments:admin',
      expected: [],
    },
    {
      name: 'matches a glob whose system part is itself a glob',
      entitlement: 'okta:admin',
      expected: ['ADM-001/admin'],
    },
    {
      name: 'maps an entitlement of a function no risk uses to nothing',
      entitlement: 'sap:SU01',
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ entitlement, expected }) => {
    const index = buildSodIndex(policies, ['sap:XK01', 'sap:F110']);

    expect(feeds(index, entitlement)).toEqual(expected);
  });

  it('shares a slot between unscoped risks that use the same function', () => {
    const index = buildSodIndex(
      buildPolicies({
        functions: [buildFunction('a', ['x:a']), buildFunction('b', ['x:b'])],
        risks: [buildRisk('R1', ['a', 'b']), buildRisk('R2', ['b', 'a'])],
      }),
      [],
    );

    expect(index.slotCount).toBe(2);
    expect(index.risks.map((r) => r.slots)).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(index.slotRisks).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });

  it('gives a system-scoped risk slots of its own', () => {
    const index = buildSodIndex(policies, []);

    const [unscoped, scoped] = index.risks;

    expect(unscoped?.slots).toEqual([0, 1]);
    expect(scoped?.slots).toEqual([2, 3]);
  });

  it('skips a risk without functions', () => {
    const index = buildSodIndex(
      buildPolicies({ risks: [buildRisk('EMPTY', [])] }),
      [],
    );

    expect(index.risks).toEqual([]);
  });

  it('compiles kind scope, severity, origin and label once per risk', () => {
    const index = buildSodIndex(
      buildPolicies({
        risks: [
          buildRisk('R1', ['a'], {
            outcome: 'warn',
            scope: { kinds: ['service-account'] },
          }),
        ],
      }),
      [],
    );

    expect(index.risks[0]).toMatchObject({
      kinds: new Set(['service-account']),
      audiences: 2,
      severity: 'warning',
      origin: { file: 'policies/sod.yaml', path: '/risks/0' },
      label: 'R1 "Risk R1"',
    });
  });

  it('answers the same array for repeated lookups of one id', () => {
    const index = buildSodIndex(policies, []);

    expect(index.lookup('sap:F110')).toBe(index.lookup('sap:F110'));
  });
});

describe('formatIds', () => {
  it('lists up to the limit and counts the rest', () => {
    expect(formatIds(['a', 'b'])).toBe('a, b');
    expect(formatIds(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
  });
});
