import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../logger.ts';
import { mineExact } from './mine-exact.ts';
import { createRandom } from './random.ts';
import {
  bruteForceMinimum,
  grantedPairs,
  pairKeys,
  pairsOfGrid,
} from './test-matrices.ts';

const mineRoles = (grid: readonly string[]) =>
  mineExact(pairsOfGrid(grid), {
    objective: 'roles',
    timeLimitSeconds: 10,
    logger: silentLogger,
  });

describe('mineExact with the role-count objective', () => {
  it.each([
    { name: 'a 3×3 identity matrix', grid: ['100', '010', '001'], minimum: 3 },
    { name: 'a full matrix', grid: ['1111', '1111', '1111'], minimum: 1 },
    {
      name: 'a crown (fooling set of 4)',
      grid: ['0111', '1011', '1101', '1110'],
      minimum: 4,
    },
    { name: 'a union row', grid: ['10', '01', '11'], minimum: 2 },
    {
      name: 'a union row and a union column',
      grid: ['1001', '0101', '1101', '0011'],
      minimum: 3,
    },
    { name: 'a path', grid: ['110', '011'], minimum: 2 },
    { name: 'one pair', grid: ['1'], minimum: 1 },
  ])('finds the proven minimum of $name', async ({ grid, minimum }) => {
    const result = await mineRoles(grid);

    expect(result.metrics.roles).toBe(minimum);
    expect(result.lowerBound).toBe(minimum);
    expect(result.optimal).toBe(true);
    expect(grantedPairs(result.roles)).toEqual(pairKeys(pairsOfGrid(grid)));
    expect(result.exceptions).toEqual([]);
  });

  it('matches brute force on random small matrices', async () => {
    const random = createRandom(42);
    for (let trial = 0; trial < 40; trial++) {
      const rows = 2 + Math.floor(random() * 5);
      const cols = 2 + Math.floor(random() * 5);
      const density = 0.3 + random() * 0.5;
      const grid = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () =>
          random() < density ? '1' : '0',
        ).join(''),
      ).filter((line) => line.includes('1'));
      if (grid.length === 0) continue;

      const result = await mineRoles(grid);

      expect(result.metrics.roles, grid.join('/')).toBe(
        bruteForceMinimum(grid),
      );
      expect(result.lowerBound).toBeLessThanOrEqual(result.metrics.roles);
      expect(result.optimal).toBe(true);
      expect(grantedPairs(result.roles)).toEqual(pairKeys(pairsOfGrid(grid)));
    }
  });

  it('keeps the input ids and numbers roles by their entitlements', async () => {
    const pairs = [
      { identity: 'alice', entitlement: 'sap:FB60' },
      { identity: 'alice', entitlement: 'github:admin' },
      { identity: 'bob', entitlement: 'sap:FB60' },
    ];

    const result = await mineExact(pairs, {
      objective: 'roles',
      timeLimitSeconds: 10,
      logger: silentLogger,
    });

    expect(result.roles).toEqual([
      {
        id: 'role-001',
        audience: 'human',
        identities: ['alice'],
        entitlements: ['github:admin', 'sap:FB60'],
      },
      {
        id: 'role-002',
        audience: 'human',
        identities: ['bob'],
        entitlements: ['sap:FB60'],
      },
    ]);
    expect(result.metrics).toMatchObject({ roles: 2, ua: 2, pa: 3, wsc: 7 });
  });

  it('gives the same result on every run', async () => {
    const grid = ['11010', '01110', '10011', '11101', '00111', '10100'];

    const first = await mineRoles(grid);
    const second = await mineRoles(grid);

    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('returns no roles for no pairs', async () => {
    const result = await mineRoles([]);

    expect(result.roles).toEqual([]);
    expect(result.optimal).toBe(true);
    expect(result.lowerBound).toBe(0);
  });
});

describe('mineExact with the WSC objective', () => {
  const mineWsc = (grid: readonly string[]) =>
    mineExact(pairsOfGrid(grid), {
      objective: 'wsc',
      timeLimitSeconds: 10,
      logger: silentLogger,
    });

  it.each([
    // One role of 2 identities and 2 entitlements: 1 + 2 + 2.
    { name: 'a full 2×2 matrix', grid: ['11', '11'], wsc: 5 },
    // Two roles of one pair each: 2 + 2 + 2.
    { name: 'a 2×2 identity matrix', grid: ['10', '01'], wsc: 6 },
    // Two overlapping roles, {e0,e1} and {e0,e2}, both held by u2:
    // 2 + 4 + 4, cheaper than three single-entitlement roles (13).
    { name: 'overlapping rows', grid: ['110', '101', '111'], wsc: 10 },
  ])('finds the proven optimum of $name', async ({ grid, wsc }) => {
    const result = await mineWsc(grid);

    expect(result.metrics.wsc).toBe(wsc);
    expect(result.optimal).toBe(true);
    expect(result.lowerBound).toBe(wsc);
    expect(grantedPairs(result.roles)).toEqual(pairKeys(pairsOfGrid(grid)));
  });

  it('never costs more than the minimum role cover', async () => {
    const random = createRandom(7);
    for (let trial = 0; trial < 15; trial++) {
      const grid = Array.from({ length: 5 }, () =>
        Array.from({ length: 6 }, () => (random() < 0.5 ? '1' : '0')).join(''),
      ).filter((line) => line.includes('1'));

      const wsc = await mineWsc(grid);
      const roles = await mineRoles(grid);

      expect(wsc.metrics.wsc).toBeLessThanOrEqual(roles.metrics.wsc);
      expect(wsc.lowerBound ?? 0).toBeLessThanOrEqual(wsc.metrics.wsc);
      expect(grantedPairs(wsc.roles)).toEqual(pairKeys(pairsOfGrid(grid)));
    }
  });

  it('gives the same result on every run', async () => {
    const grid = ['110110', '011101', '101011', '111000', '000111'];

    const first = await mineWsc(grid);
    const second = await mineWsc(grid);

    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('counts duplicate identities and entitlements in WSC', async () => {
    // u0 and u1 hold the same; e0 and e1 have the same holders.
    const result = await mineWsc(['110', '110', '001']);

    // role {u0,u1}×{e0,e1} = 1+2+2, role {u2}×{e2} = 1+1+1.
    expect(result.metrics.wsc).toBe(8);
  });
});
