import { describe, expect, it } from 'vitest';
import { KeyTable } from './csv-key-table.ts';

describe('KeyTable', () => {
  it('finds keys by a span of another text', () => {
    const table = new KeyTable();
    table.add('u1');
    table.add('sap:FB60');

    const row = 'u1,sap:FB60,sap:FB6,u12';

    expect(table.find(row, 0, 2)).toBe('u1');
    expect(table.find(row, 3, 11)).toBe('sap:FB60');
    expect(table.find(row, 12, 18)).toBeUndefined();
    expect(table.find(row, 19, 22)).toBeUndefined();
    expect(table.find(row, 0, 0)).toBeUndefined();
  });

  it('keeps every key as it grows', () => {
    const table = new KeyTable();
    const keys = Array.from({ length: 5000 }, (_, i) => `id-${i}`);

    for (const key of keys) table.add(key);
    for (const key of keys) table.add(key);

    expect(table.size).toBe(5000);
    expect(keys.every((key) => table.find(key, 0, key.length) === key)).toBe(
      true,
    );
    expect(table.find('id-5000', 0, 7)).toBeUndefined();
  });
});
