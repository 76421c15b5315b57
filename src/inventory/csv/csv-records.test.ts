import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RolesmithError } from '../../errors.ts';
import { readCsvRecords } from './csv-records.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolesmith-csv-records-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Read {
  records: [number, string[]][];
  malformed: [number, string][];
  sha256: string;
  lines: number;
}

async function read(content: string | Buffer, chunkSize?: number) {
  const path = join(dir, 'table.csv');
  await writeFile(path, content);
  const result: Read = { records: [], malformed: [], sha256: '', lines: 0 };
  const summary = await readCsvRecords(
    path,
    {
      record: (row) => {
        const fields = Array.from({ length: row.count }, (_, i) =>
          row.field(i),
        );
        result.records.push([row.line, fields]);
      },
      malformed: (line, message) => result.malformed.push([line, message]),
    },
    chunkSize === undefined ? {} : { chunkSize },
  );
  result.sha256 = summary.sha256;
  result.lines = summary.lines;
  return result;
}

const TRICKY = [
  '\uFEFFid,name,note',
  'u1,"Doe, Jane","said ""hi"""',
  '',
  'u2,  Ann  ,"two',
  'lines"',
  'u3,Zoë,日本語',
  '',
].join('\r\n');

describe('readCsvRecords', () => {
  it('reads quoted fields, blank lines, CRLF, a BOM and UTF-8 text', async () => {
    const result = await read(TRICKY);

    expect(result.records).toEqual([
      [1, ['id', 'name', 'note']],
      [2, ['u1', 'Doe, Jane', 'said "hi"']],
      [4, ['u2', 'Ann', 'two\r\nlines']],
      [6, ['u3', 'Zoë', '日本語']],
    ]);
    expect(result.malformed).toEqual([]);
    expect(result.lines).toBe(6);
  });

  it.each([1, 2, 3, 5, 7, 16])(
    'gives the same records when read %i bytes at a time',
    async (chunkSize) => {
      const whole = await read(TRICKY);

      const chunked = await read(TRICKY, chunkSize);

      expect(chunked.records).toEqual(whole.records);
      expect(chunked.sha256).toBe(whole.sha256);
    },
  );

  it('hashes the bytes read', async () => {
    const text = 'a,b\n1,2\n';

    const result = await read(text);

    expect(result.sha256).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('reads a last line without a line break', async () => {
    expect((await read('a,b\n1,2')).records).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ]);
  });

  it('reports a line that is not UTF-8 and reads the others', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\nok,1\n'),
      Buffer.from([0x62, 0x61, 0x64, 0xff, 0x2c, 0x32, 0x0a]),
      Buffer.from('ok,3\n'),
    ]);

    for (const chunkSize of [undefined, 4]) {
      const result = await read(bytes, chunkSize);

      expect(result.malformed).toEqual([[3, 'the line is not valid UTF-8']]);
      expect(result.records.map(([line]) => line)).toEqual([1, 2, 4]);
    }
  });

  it('reports an unclosed quote and reads on from the next line', async () => {
    const result = await read('a,b\n"open,1\nu2,2\n');

    expect(result.malformed).toEqual([
      [2, 'a quoted field has no closing double quote'],
    ]);
    expect(result.records).toEqual([
      [1, ['a', 'b']],
      [3, ['u2', '2']],
    ]);
  });

  it('reports misplaced quotes with their line numbers', async () => {
    const result = await read('a,b\n"x"y,1\n5" disk,2\n"ok",3\n');

    expect(result.malformed).toEqual([
      [2, 'unexpected text after a closing double quote'],
      [3, 'a double quote inside an unquoted field'],
    ]);
    expect(result.records).toEqual([
      [1, ['a', 'b']],
      [4, ['ok', '3']],
    ]);
  });

  it('counts lines across a quoted field split between reads', async () => {
    const text = 'id,note\nu1,"a\nb\nc"\nu2,x\n';

    const result = await read(text, 9);

    expect(result.records).toEqual([
      [1, ['id', 'note']],
      [2, ['u1', 'a\nb\nc']],
      [5, ['u2', 'x']],
    ]);
  });

  it('turns a read failure into an io error naming the file', async () => {
    const error: unknown = await readCsvRecords(dir, {
      record: () => undefined,
      malformed: () => undefined,
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RolesmithError);
    expect(error).toMatchObject({
      code: 'io',
      exitCode: 2,
      location: { file: dir },
      message: 'the file cannot be read (EISDIR)',
    });
  });

  it('reads an empty file as no records', async () => {
    expect(await read('')).toMatchObject({ records: [], lines: 0 });
  });
});
