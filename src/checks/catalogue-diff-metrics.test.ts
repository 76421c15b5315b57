import { describe, expect, it } from 'vitest';
import type { CatalogueMetrics } from './catalogue-diff-metrics.ts';
import {
  computeCatalogueMetrics,
  diffMetrics,
} from './catalogue-diff-metrics.ts';
import {
  buildCatalogue,
  buildException,
  buildIdentity,
  buildInventory,
  buildRole,
} from './fixtures.ts';

const today = '2026-10-01';

const inventory = buildInventory({
  identities: [
    buildIdentity('u1', 'human', { department: 'Sales' }),
    buildIdentity('u2', 'human', { department: 'Finance' }),
    buildIdentity('u3', 'human', { department: 'Finance' }),
  ],
});

// Two roles (a third file repeats an id and does not count), one
// exception in force, one duplicate of it, and one that has expired.
const catalogue = buildCatalogue({
  roles: [
    buildRole({
      id: 'a',
      entitlements: ['x:1', 'x:2', 'x:2'],
      members: ['u1', 'u2', 'u1'],
    }),
    buildRole({
      id: 'b',
      entitlements: ['x:3'],
      members: ['u2'],
      criteria: [{ department: 'Finance' }],
    }),
    buildRole({
      id: 'a',
      entitlements: ['x:7', 'x:8', 'x:9'],
      members: ['u9'],
      file: 'roles/a-again.yaml',
    }),
  ],
  exceptions: [
    buildException({ identity: 'u4', entitlement: 'x:9' }),
    buildException({ identity: 'u4', entitlement: 'x:9' }),
    buildException({ identity: 'u5', entitlement: 'x:8', expires: today }),
  ],
});

describe('computeCatalogueMetrics', () => {
  it('counts criteria members when an inventory resolves them', () => {
    expect(computeCatalogueMetrics(catalogue, { today, inventory })).toEqual({
      roles: 2,
      exceptions: 1,
      ua: 4,
      pa: 3,
      wsc: 10,
      rolesPerIdentity: { mean: 4 / 3, max: 2 },
      entitlementsPerRole: { mean: 1.5, max: 2 },
      identitiesCovered: 3,
    } satisfies CatalogueMetrics);
  });

  it('counts only explicit members without an inventory', () => {
    expect(computeCatalogueMetrics(catalogue, { today })).toEqual({
      roles: 2,
      exceptions: 1,
      ua: 3,
      pa: 3,
      wsc: 9,
      rolesPerIdentity: { mean: 1.5, max: 2 },
      entitlementsPerRole: { mean: 1.5, max: 2 },
      identitiesCovered: 2,
    } satisfies CatalogueMetrics);
  });

  it('counts an exception again once it is judged before its expiry', () => {
    const metrics = computeCatalogueMetrics(catalogue, {
      today: '2026-09-30',
    });

    expect(metrics.exceptions).toBe(2);
  });

  it('measures an empty catalogue as zeros', () => {
    expect(computeCatalogueMetrics(buildCatalogue(), { today })).toEqual({
      roles: 0,
      exceptions: 0,
      ua: 0,
      pa: 0,
      wsc: 0,
      rolesPerIdentity: { mean: 0, max: 0 },
      entitlementsPerRole: { mean: 0, max: 0 },
      identitiesCovered: 0,
    });
  });
});

describe('diffMetrics', () => {
  it('subtracts before from after and drops floating-point noise', () => {
    const before = computeCatalogueMetrics(catalogue, { today, inventory });
    const after = computeCatalogueMetrics(catalogue, { today });

    expect(diffMetrics(before, after)).toEqual({
      roles: 0,
      exceptions: 0,
      ua: -1,
      pa: 0,
      wsc: -1,
      rolesPerIdentity: { mean: 0.166667, max: 0 },
      entitlementsPerRole: { mean: 0, max: 0 },
      identitiesCovered: -1,
    });
  });
});
