import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logger.ts';
import { isK8sGroupMapFile, readK8sGroupMap } from './k8s-group-map.ts';

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'rolesmith-k8s-groups-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const path = join(temp, name);
  await writeFile(path, text);
  return path;
}

describe('readK8sGroupMap', () => {
  it('reads quoted group names such as directory DNs, with lines', async () => {
    const file = await write(
      'groups.csv',
      'member,group\nalice@example.com,"CN=Admins,OU=Groups"\n\nE1002,ops\n',
    );

    const result = await readK8sGroupMap(file, {
      logger: silentLogger,
      onBadRecord: 'stop',
      label: 'groups.csv',
    });

    expect(result.memberships).toEqual([
      {
        group: 'CN=Admins,OU=Groups',
        member: 'alice@example.com',
        file: 'groups.csv',
        line: 2,
      },
      { group: 'ops', member: 'E1002', file: 'groups.csv', line: 4 },
    ]);
    expect(result.inventory.sources[0]?.source).toBe('k8s-groups');
  });

  it('skips an empty member under skip, naming its line', async () => {
    const file = await write('groups.csv', 'group,member\nops,\nops,E1\n');

    const result = await readK8sGroupMap(file, {
      logger: silentLogger,
      onBadRecord: 'skip',
    });

    expect(result.memberships.map((m) => m.member)).toEqual(['E1']);
    expect(result.skipped).toMatchObject([
      { line: 2, message: 'the member is empty' },
    ]);
  });

  it('points at the member line of a YAML list item that is not text', async () => {
    const file = await write('groups.yaml', 'ops:\n  - E1\n  - {a: 1}\n');

    await expect(
      readK8sGroupMap(file, { logger: silentLogger, onBadRecord: 'stop' }),
    ).rejects.toMatchObject({ location: { line: 3 } });
  });
});

describe('isK8sGroupMapFile', () => {
  it.each([
    ['group,member\nops,E1\n', 'groups.csv', true],
    ['\uFEFFMember , Group\r\n', 'groups.csv', true],
    ['group,member,role\n', 'groups.csv', false],
    ['group member\n', 'groups.txt', false],
  ])('tells %j in %s: %s', async (text, name, expected) => {
    expect(await isK8sGroupMapFile(await write(name, text))).toBe(expected);
  });
});
