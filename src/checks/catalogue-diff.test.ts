import { describe, expect, it } from 'vitest';
import type { Inventory } from '../model/index.ts';
import type { CatalogueDiff } from './catalogue-diff.ts';
import { computeCatalogueDiff } from './catalogue-diff.ts';
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
    buildIdentity('u3', 'human', { department: 'Finance' }),
  ],
});

const policies = {
  functions: [
    buildFunction('vendor', ['sap:XK01']),
    buildFunction('pay', ['sap:F110']),
  ],
  risks: [buildRisk({ id: 'P2P-001', functions: ['vendor', 'pay'] })],
};

function diff(
  before: CatalogueSpec,
  after: CatalogueSpec,
  withInventory?: Inventory,
): CatalogueDiff {
  return computeCatalogueDiff(buildCatalogue(before), buildCatalogue(after), {
    beforeLabel: 'HEAD',
    afterLabel: 'working tree',
    today,
    ...(withInventory !== undefined && { inventory: withInventory }),
  });
}

const clerk = (entitlements: string[], members: string[]) =>
  buildRole({ id: 'clerk', entitlements, members });

describe('computeCatalogueDiff', () => {
  it('groups gains and losses by entitlement, with counts', () => {
    const result = diff(
      { roles: [clerk(['sap:FB60'], ['u1', 'u2'])] },
      {
        roles: [clerk(['sap:FB60', 'sap:FB03'], ['u1', 'u3'])],
        exceptions: [buildException({ identity: 'u2', entitlement: 'x:y' })],
      },
    );

    expect(result.entitlements).toEqual([
      {
        entitlement: 'sap:FB03',
        gained: [
          { identity: 'u1', via: ['clerk'] },
          { identity: 'u3', via: ['clerk'] },
        ],
        lost: [],
      },
      {
        entitlement: 'sap:FB60',
        gained: [{ identity: 'u3', via: ['clerk'] }],
        lost: [{ identity: 'u2', via: ['clerk'] }],
      },
      {
        entitlement: 'x:y',
        gained: [{ identity: 'u2', via: ['exception'] }],
        lost: [],
      },
    ]);
    expect(result.summary).toEqual({
      entitlements: 3,
      gains: 4,
      losses: 1,
      identitiesGaining: 3,
      identitiesLosing: 1,
      newCritical: 0,
      newSodRelevant: 0,
    });
  });

  it('reports nothing, and equal metrics, when nothing changes', () => {
    const same = { roles: [clerk(['sap:FB60'], ['u1'])] };

    const result = diff(same, same);

    expect(result.entitlements).toEqual([]);
    expect(result.roles).toEqual({ added: [], removed: [], changed: [] });
    expect(result.metrics.before).toEqual(result.metrics.after);
    expect(result.metrics.delta).toMatchObject({ roles: 0, ua: 0, wsc: 0 });
  });

  it('lists roles added, removed and changed, ignoring reordering', () => {
    const result = diff(
      {
        roles: [
          clerk(['x:a', 'x:b'], ['u1', 'u2']),
          buildRole({ id: 'old', entitlements: ['x:c'], members: ['u1'] }),
          buildRole({ id: 'lead', entitlements: ['x:d'], members: ['u1'] }),
        ],
      },
      {
        roles: [
          clerk(['x:b', 'x:a'], ['u2', 'u1']),
          buildRole({ id: 'new', entitlements: ['x:c'], members: ['u1'] }),
          buildRole({ id: 'lead', entitlements: ['x:d'], members: ['u2'] }),
        ],
      },
    );

    expect(result.roles).toEqual({
      added: ['new'],
      removed: ['old'],
      changed: ['lead'],
    });
  });

  it('flags new critical and SoD access by the policies before the change', () => {
    const before = {
      roles: [clerk(['sap:FB60'], ['u1'])],
      policies,
      leastPrivilege: { critical: ['sap:F1*'] },
    };
    // The change both grants the access and tries to declassify it.
    const after = {
      roles: [clerk(['sap:FB60', 'sap:F110', 'sap:XK01'], ['u1'])],
      leastPrivilege: { critical: [] },
    };

    const result = diff(before, after);

    expect(result.newCritical).toEqual([
      { identity: 'u1', entitlement: 'sap:F110' },
    ]);
    expect(result.newSodRelevant).toEqual([
      { identity: 'u1', entitlement: 'sap:F110', risks: ['P2P-001'] },
      { identity: 'u1', entitlement: 'sap:XK01', risks: ['P2P-001'] },
    ]);
    expect(result.summary).toMatchObject({ newCritical: 1, newSodRelevant: 2 });
  });

  it('does not let stricter policies in the change classify its own gains', () => {
    const result = diff(
      { roles: [clerk([], ['u1'])] },
      {
        roles: [clerk(['sap:F110'], ['u1'])],
        leastPrivilege: { critical: ['sap:*'] },
      },
    );

    expect(result.newCritical).toEqual([]);
  });

  it('measures both sides and the change between them', () => {
    const result = diff(
      {
        roles: [clerk(['x:a'], ['u1', 'u2'])],
        exceptions: [buildException({ identity: 'u3', entitlement: 'x:z' })],
      },
      {
        roles: [
          clerk(['x:a', 'x:b'], ['u1', 'u2']),
          buildRole({ id: 'extra', entitlements: ['x:z'], members: ['u3'] }),
        ],
      },
    );

    expect(result.metrics).toEqual({
      before: {
        roles: 1,
        exceptions: 1,
        ua: 2,
        pa: 1,
        wsc: 5,
        rolesPerIdentity: { mean: 1, max: 1 },
        entitlementsPerRole: { mean: 1, max: 1 },
        identitiesCovered: 2,
      },
      after: {
        roles: 2,
        exceptions: 0,
        ua: 3,
        pa: 3,
        wsc: 8,
        rolesPerIdentity: { mean: 1, max: 1 },
        entitlementsPerRole: { mean: 1.5, max: 2 },
        identitiesCovered: 3,
      },
      delta: {
        roles: 1,
        exceptions: -1,
        ua: 1,
        pa: 2,
        wsc: 3,
        rolesPerIdentity: { mean: 0, max: 0 },
        entitlementsPerRole: { mean: 0.5, max: 1 },
        identitiesCovered: 1,
      },
    });
    // The exception became a role: u3 keeps x:z, only the grant moved.
    expect(result.entitlements.map((e) => e.entitlement)).toEqual(['x:b']);
  });

  describe('membership criteria', () => {
    const byDepartment = (department: string) => ({
      roles: [
        buildRole({
          id: 'fin',
          entitlements: ['sap:FB60'],
          criteria: [{ department }],
        }),
      ],
    });

    it('resolves criteria against the inventory', () => {
      const result = diff(
        byDepartment('Sales'),
        byDepartment('Finance'),
        inventory,
      );

      expect(result.membership).toBe('inventory');
      expect(result.unresolvedCriteria).toEqual({ roles: [], changed: [] });
      expect(result.entitlements).toEqual([
        {
          entitlement: 'sap:FB60',
          gained: [
            { identity: 'u1', via: ['fin'] },
            { identity: 'u3', via: ['fin'] },
          ],
          lost: [{ identity: 'u2', via: ['fin'] }],
        },
      ]);
      expect(result.metrics.delta.ua).toBe(1);
    });

    it('names the criteria it could not resolve without an inventory', () => {
      const result = diff(
        {
          roles: [
            ...byDepartment('Sales').roles,
            buildRole({ id: 'ops', criteria: [{ department: 'Ops' }] }),
          ],
        },
        {
          roles: [
            ...byDepartment('Finance').roles,
            buildRole({ id: 'ops', criteria: [{ department: 'Ops' }] }),
          ],
        },
      );

      expect(result.membership).toBe('explicit');
      expect(result.unresolvedCriteria).toEqual({
        roles: ['fin', 'ops'],
        changed: ['fin'],
      });
      expect(result.entitlements).toEqual([]);
      expect(result.metrics.after.ua).toBe(0);
    });

    it('treats reordered criteria values as unchanged', () => {
      const result = diff(
        {
          roles: [
            buildRole({
              id: 'fin',
              criteria: [{ department: ['A', 'B'], site: 'X' }],
            }),
          ],
        },
        {
          roles: [
            buildRole({
              id: 'fin',
              criteria: [{ site: 'X', department: ['B', 'A'] }],
            }),
          ],
        },
      );

      expect(result.roles.changed).toEqual([]);
      expect(result.unresolvedCriteria.changed).toEqual([]);
    });
  });
});
