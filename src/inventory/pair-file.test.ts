import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.ts';
import { readPairFile } from './pair-file.ts';

async function read(content: string | Buffer) {
  const dir = await mkdtemp(join(tmpdir(), 'pairs-'));
  const path = join(dir, 'access.txt');
  await writeFile(path, content);
  return readPairFile(path, {
    logger: silentLogger,
    onBadRecord: 'skip',
    label: 'access.txt',
  });
}

describe('readPairFile', () => {
  it('reads CRLF, tabs, comments, blank lines and a missing last newline', async () => {
    const { inventory, skipped } = await read(
      '# header\r\n u1\tsap:FB60 \r\n\r\nu1 sap:FB60\r\nu2   gh:admin',
    );

    expect(skipped).toEqual([]);
    expect(
      inventory.assignments.map((a) => [
        a.identity,
        a.entitlement,
        a.provenance?.line,
      ]),
    ).toEqual([
      ['u1', 'sap:FB60', 2],
      ['u2', 'gh:admin', 5],
    ]);
    expect(inventory.identities.map((i) => i.id)).toEqual(['u1', 'u2']);
    expect(inventory.entitlements.map((e) => [e.id, e.system])).toEqual([
      ['sap:FB60', 'sap'],
      ['gh:admin', 'gh'],
    ]);
  });

  it('keeps line numbers and ids right across 1 MiB chunk boundaries', async () => {
    // Long ids so that lines straddle the chunk edges at varied offsets,
    // with a multi-byte character that may be split between chunks.
    const lines: string[] = [];
    for (let n = 0; n < 40_000; n++) {
      lines.push(
        `user-${String(n % 977)}-é ent-${String(n).padStart(20, '0')}`,
      );
    }
    const { inventory, skipped } = await read(`${lines.join('\n')}\n`);

    expect(skipped).toEqual([]);
    expect(inventory.assignments).toHaveLength(40_000);
    const last = inventory.assignments[39_999];
    expect(last?.identity).toBe('user-919-é');
    expect(last?.entitlement).toBe(`ent-${'39999'.padStart(20, '0')}`);
    expect(last?.provenance?.line).toBe(40_000);
    expect(inventory.identities).toHaveLength(977);
  });

  it('skips bad lines with their numbers and keeps the rest', async () => {
    const bad = Buffer.concat([
      Buffer.from('u1 a\nu2 '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\nu3 b c\nu4\nu5 d\n'),
    ]);
    const { inventory, skipped } = await read(bad);

    expect(skipped.map((s) => [s.line, s.message])).toEqual([
      [2, 'the line is not valid UTF-8'],
      [3, 'expected 2 fields, found 3'],
      [4, 'expected 2 fields, found 1'],
    ]);
    expect(inventory.assignments.map((a) => a.identity)).toEqual(['u1', 'u5']);
  });

  it('records the SHA-256 of the bytes read', async () => {
    const { inventory } = await read('u1 a\n');

    expect(inventory.sources[0]?.sha256).toBe(
      createHash('sha256').update('u1 a\n').digest('hex'),
    );
  });
});
