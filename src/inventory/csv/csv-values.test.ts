import { describe, expect, it } from 'vitest';
import { TimestampPool } from './csv-timestamps.ts';
import { copySpan, copyString, isIsoDateTime } from './csv-values.ts';

describe('isIsoDateTime', () => {
  it.each([
    '2026-03-01',
    '2024-02-29',
    '2000-02-29',
    '2026-03-01T09:30',
    '2026-03-01T09:30:00',
    '2026-03-01T09:30:00Z',
    '2026-03-01T23:59:60Z',
    '2026-03-01T09:30:00.123Z',
    '2026-03-01T09:30:00,5+01:00',
    '2026-03-01T09:30:00-0530',
    '2026-03-01T09:30+01',
  ])('accepts %s', (text) => {
    expect(isIsoDateTime(text)).toBe(true);
  });

  it.each([
    '',
    '2026',
    '2026-3-01',
    '2026/03/01',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2025-02-29',
    '1900-02-29',
    '2026-03-01 09:30:00',
    '2026-03-01T24:00:00Z',
    '2026-03-01T09:60',
    '2026-03-01T09:30:00.Z',
    '2026-03-01T09:30:00Zjunk',
    '2026-03-01T09:30:00+25:00',
    '2026-03-01T09:30:00+01:0',
    '01/03/2026',
    'yesterday',
  ])('rejects %j', (text) => {
    expect(isIsoDateTime(text)).toBe(false);
  });
});

describe('isIsoDateTime on a span', () => {
  const row = 'u1,2026-03-01T09:30:00Z,2026-03-01,2026-03-011,x';

  it.each([
    [3, 23, true],
    [24, 34, true],
    [35, 45, true],
    [35, 46, false],
    [3, 22, true],
    [3, 21, false],
    [24, 33, false],
    [0, 2, false],
  ])('checks the span %i to %i (%s)', (start, end, expected) => {
    expect(isIsoDateTime(row, start, end)).toBe(expected);
  });
});

describe('copyString', () => {
  it('returns an equal string', () => {
    const big = `${'x'.repeat(100)},2026-03-01T09:30:00Z,${'y'.repeat(100)}`;
    const cut = big.slice(101, 121);

    expect(copyString(cut)).toBe('2026-03-01T09:30:00Z');
    expect(copyString('short')).toBe('short');
    expect(copySpan(big, 101, 111)).toBe('2026-03-01');
  });
});

describe('TimestampPool', () => {
  it('accepts valid timestamps and refuses invalid ones', () => {
    const pool = new TimestampPool();

    expect(pool.accept('2026-03-01')).toBe('2026-03-01');
    expect(pool.accept('2026-03-01')).toBe('2026-03-01');
    expect(pool.accept('2026-02-30')).toBeUndefined();
  });

  it('reads a span of a row', () => {
    const pool = new TimestampPool();
    const row = 'u1,2026-03-01,x';

    expect(pool.accept(row, 3, 13)).toBe('2026-03-01');
    expect(pool.accept(row, 3, 13)).toBe('2026-03-01');
    expect(pool.accept(row, 3, 14)).toBeUndefined();
  });

  it('keeps validating after it stops pooling values that never repeat', () => {
    const pool = new TimestampPool(4);
    const values = Array.from(
      { length: 20 },
      (_, i) => `2026-03-01T09:${String(i).padStart(2, '0')}:00Z`,
    );

    for (const value of values) expect(pool.accept(value)).toBe(value);

    expect(pool.accept('2026-03-01T09:61:00Z')).toBeUndefined();
    expect(pool.accept(values[0] ?? '')).toBe(values[0]);
  });
});
