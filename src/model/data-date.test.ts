import { describe, expect, it } from 'vitest';
import { buildAccessIndex } from '../mining/governed/access-index.ts';
import { resolveGovernedOptions } from '../mining/governed/options.ts';
import { isoDay, screenAssignments } from '../mining/governed/screening.ts';
import { dataDateOf, newestTimestamp, parseTimestamp } from './data-date.ts';
import type { Assignment, Inventory } from './inventory.ts';

const inventory = (assignments: Assignment[]): Inventory => ({
  identities: [],
  entitlements: [],
  assignments,
  sources: [],
});

describe('dataDateOf', () => {
  it('is the UTC day of the newest grant or use', () => {
    const data = inventory([
      { identity: 'u1', entitlement: 'a:x', grantedAt: '2026-03-01' },
      {
        identity: 'u2',
        entitlement: 'a:x',
        grantedAt: '2025-01-01',
        lastUsedAt: '2026-11-30T23:30:00-02:00',
      },
      { identity: 'u3', entitlement: 'a:y', lastUsedAt: '2026-11-30T09:00Z' },
    ]);

    // 23:30 at UTC-2 is 01:30 the next day in UTC.
    expect(dataDateOf(data)).toBe('2026-12-01');
  });

  it('takes a grant newer than every use', () => {
    const data = inventory([
      {
        identity: 'u1',
        entitlement: 'a:x',
        grantedAt: '2026-05-02T00:00:00Z',
        lastUsedAt: '2026-05-01T12:00:00Z',
      },
    ]);

    expect(dataDateOf(data)).toBe('2026-05-02');
  });

  it('is unknown without timestamps, and skips empty or unreadable ones', () => {
    expect(dataDateOf(inventory([]))).toBe('unknown');
    expect(
      dataDateOf(
        inventory([
          { identity: 'u1', entitlement: 'a:x', grantedAt: '' },
          { identity: 'u2', entitlement: 'a:x', lastUsedAt: 'yesterday' },
        ]),
      ),
    ).toBe('unknown');
    expect(
      dataDateOf(
        inventory([
          { identity: 'u1', entitlement: 'a:x', lastUsedAt: 'yesterday' },
          { identity: 'u2', entitlement: 'a:x', grantedAt: '2020-02-29' },
        ]),
      ),
    ).toBe('2020-02-29');
  });

  it('agrees with the date the governed miner screens with', () => {
    const data = inventory([
      { identity: 'u1', entitlement: 'a:x', lastUsedAt: '2024-07-01T10:00Z' },
      { identity: 'u2', entitlement: 'a:y', grantedAt: '2024-07-03T00:00Z' },
      { identity: 'u1', entitlement: 'a:y', lastUsedAt: 'not a date' },
    ]);
    const screening = screenAssignments(
      data.assignments,
      buildAccessIndex(data),
      resolveGovernedOptions({}),
    );

    expect(screening.dataDate).toBe(newestTimestamp(data.assignments));
    expect(isoDay(screening.dataDate)).toBe(dataDateOf(data));
    expect(dataDateOf(data)).toBe('2024-07-03');
  });
});

describe('parseTimestamp', () => {
  it('reads a date-time without a zone as UTC, whatever the machine zone', () => {
    expect(parseTimestamp('2026-11-30T23:30:00')).toBe(
      Date.parse('2026-11-30T23:30:00Z'),
    );
    expect(parseTimestamp('2026-11-30T23:30:00+02:00')).toBe(
      Date.parse('2026-11-30T21:30:00Z'),
    );
    expect(parseTimestamp('')).toBeNaN();
  });
});
