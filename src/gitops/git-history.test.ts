import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo } from '../../test/helpers/temp-repo.ts';
import {
  fileAt,
  parseMergeSubject,
  parseTrailers,
  readGitHistory,
  resolveRef,
} from './git-history.ts';

describe('parseMergeSubject', () => {
  it('reads GitHub and git merge messages', () => {
    expect(
      parseMergeSubject(
        'Merge pull request #7 from acme/rolesmith/roles-finance',
      ),
    ).toEqual({ pr: 7, branch: 'rolesmith/roles-finance' });
    expect(parseMergeSubject("Merge branch 'fix' into main")).toEqual({
      branch: 'fix',
    });
    expect(
      parseMergeSubject("Merge remote-tracking branch 'origin/x'"),
    ).toEqual({ branch: 'origin/x' });
    expect(parseMergeSubject('Add a role')).toEqual({});
  });
});

describe('parseTrailers', () => {
  it('splits git trailer output into keys and values', () => {
    expect(
      parseTrailers('Reviewed-by: A <a@x>\x1dRolesmith-Roles: a, b\x1d'),
    ).toEqual([
      { key: 'Reviewed-by', value: 'A <a@x>' },
      { key: 'Rolesmith-Roles', value: 'a, b' },
    ]);
  });
});

describe('readGitHistory', () => {
  it('reads a catalogue in a sub-folder with paths relative to it', async () => {
    const repo = await createTempRepo({
      'README.md': 'x\n',
      'catalogue/roles/a.yaml': 'id: a\n',
    });
    try {
      await repo.commit('change', {
        'catalogue/roles/a.yaml': 'id: a\ntitle: A\n',
        'catalogue/notes.txt': 'not audited\n',
        'README.md': 'y\n',
      });
      const dir = join(repo.dir, 'catalogue');
      const history = await readGitHistory(dir, { branch: 'main' });
      expect(history.commits.map((c) => [c.subject, c.changes])).toEqual([
        ['initial', [{ status: 'added', path: 'roles/a.yaml' }]],
        ['change', [{ status: 'modified', path: 'roles/a.yaml' }]],
      ]);
      const head = history.commits[1]!.sha;
      const first = history.commits[0]!.sha;
      expect(
        Buffer.from(await fileAt(dir, first, 'roles/a.yaml')).toString(),
      ).toBe('id: a\n');
      expect(await resolveRef(dir, 'main')).toBe(head);
    } finally {
      await repo.remove();
    }
  });

  it('refuses an unknown branch and a folder outside git', async () => {
    const repo = await createTempRepo({ 'roles/a.yaml': 'id: a\n' });
    const plain = await mkdtemp(join(tmpdir(), 'rolesmith-plain-'));
    try {
      await expect(
        readGitHistory(repo.dir, { branch: 'nope' }),
      ).rejects.toThrow('cannot resolve the git ref "nope"');
      await expect(readGitHistory(plain, { branch: 'main' })).rejects.toThrow(
        'is not inside a git repository',
      );
    } finally {
      await repo.remove();
      await rm(plain, { recursive: true, force: true });
    }
  });
});
