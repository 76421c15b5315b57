import { describe, expect, it } from 'vitest';
import type { Difference } from './explain-compare.ts';
import { compareValues, countScalars } from './explain-compare.ts';

const diff = (path: string, recorded: unknown, now: unknown) => {
  const out: Difference[] = [];
  compareValues(path, recorded, now, out);
  return out;
};

describe('compareValues', () => {
  it('lists changed, missing and new keys with escaped pointers', () => {
    expect(
      diff(
        '/statistics/by_system',
        { 'a/b': 1, 'c~d': 2, e: 3 },
        {
          'a/b': 1,
          'c~d': 4,
          f: 5,
        },
      ),
    ).toEqual([
      { path: '/statistics/by_system/c~0d', recorded: 2, now: 4 },
      { path: '/statistics/by_system/e', recorded: 3, now: null },
      { path: '/statistics/by_system/f', recorded: null, now: 5 },
    ]);
  });

  it('matches entitlements by id, so an insertion shifts nothing', () => {
    const recorded = [
      { id: 'a:1', holders: 2 },
      { id: 'a:3', holders: 2 },
    ];
    const now = [
      { id: 'a:1', holders: 2 },
      { id: 'a:2', holders: 1 },
      { id: 'a:3', holders: 3 },
    ];

    expect(diff('/statistics/entitlements', recorded, now)).toEqual([
      { path: '/statistics/entitlements/1/holders', recorded: 2, now: 3 },
      {
        path: '/statistics/entitlements/-',
        recorded: null,
        now: { id: 'a:2', holders: 1 },
      },
    ]);
  });

  it('compares other arrays by position', () => {
    expect(diff('/x', [1, 2], [1, 3, 4])).toEqual([
      { path: '/x/1', recorded: 2, now: 3 },
      { path: '/x/-', recorded: null, now: 4 },
    ]);
  });

  it('counts the scalar values of a block', () => {
    expect(countScalars({ a: 1, b: ['x', { c: true }], d: null })).toBe(3);
  });
});
