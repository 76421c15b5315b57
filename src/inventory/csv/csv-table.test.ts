import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../logger.ts';
import type { SkippedRecord } from '../reader.ts';
import { readCsvTable, snakeCase } from './csv-table.ts';

describe('snakeCase', () => {
  it.each([
    ['id', 'id'],
    [' ID ', 'id'],
    ['Cost Center', 'cost_center'],
    ['costCenter', 'cost_center'],
    ['COST_CENTER', 'cost_center'],
    ['cost-center', 'cost_center'],
    ['LastUsedAt', 'last_used_at'],
    ['employee #', 'employee'],
    ['Größe', 'größe'],
    ['  ', ''],
  ])('turns %j into %j', (header, expected) => {
    expect(snakeCase(header)).toBe(expected);
  });
});

describe('readCsvTable', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rolesmith-csv-table-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names unnamed columns and hands over rows of the header width', async () => {
    const file = join(dir, 't.csv');
    await writeFile(file, 'id,,Note\na,b,c\nshort\nd,e,f\n');
    const skipped: SkippedRecord[] = [];
    const rows: string[][] = [];
    let names: readonly string[] = [];

    await readCsvTable(
      file,
      ['id'],
      {
        options: { logger: createMemoryLogger(), onBadRecord: 'skip' },
        skipped,
        source: 'test',
      },
      (columns) => {
        names = columns.names;
        return (row) => {
          rows.push(Array.from({ length: row.count }, (_, i) => row.field(i)));
        };
      },
    );

    expect(names).toEqual(['id', 'column_2', 'note']);
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect(skipped).toEqual([
      {
        file,
        line: 3,
        message: 'expected 3 fields as in the header, found 1',
        expected: '3 comma-separated fields; quote a value that holds a comma',
      },
    ]);
  });
});
