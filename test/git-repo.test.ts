import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { RolesmithError } from '../src/errors.ts';
import type { GitRepo } from '../src/gitops/git-repo.ts';
import { openRepo } from '../src/gitops/git-repo.ts';
import { GitRemoteError } from '../src/gitops/git-remote-error.ts';
import type { GitServer } from './helpers/git-server.ts';
import { startGitServer } from './helpers/git-server.ts';
import type { FileMap, TempRepo } from './helpers/temp-repo.ts';
import { createTempRepo } from './helpers/temp-repo.ts';

const exec = promisify(execFile);
const TOKEN = 'ghs_SecretToken0123456789abcdef';
const READ_ONLY = 'ghs_ReadOnly0123456789abcdef';
const BRANCH = 'rolesmith/roles';
const SEED: FileMap = {
  'README.md': '# catalogue\n',
  'roles/a.yaml': 'id: a\n',
  'roles/old.yaml': 'id: old\n',
};

let server: GitServer;
let repoCount = 0;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startGitServer({
    token: TOKEN,
    readOnlyTokens: [READ_ONLY],
    protectedBranches: ['main'],
  });
});

afterAll(async () => {
  await server.close();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function authArgs(token = TOKEN): string[] {
  const basic = Buffer.from(`x:${token}`).toString('base64');
  return ['-c', `http.extraHeader=Authorization: Basic ${basic}`];
}

interface Clone {
  name: string;
  local: TempRepo;
  repo: GitRepo;
}

/** A server repository and a clone of it with a configured identity. */
async function catalogue(seed: FileMap = SEED): Promise<Clone> {
  repoCount += 1;
  const name = `acme/catalogue-${repoCount}`;
  await server.createRepo(name, { seed });
  const local = await createTempRepo();
  cleanups.push(() => local.remove());
  await local.git('remote', 'add', 'origin', server.repoUrl(name));
  await local.git(...authArgs(), 'fetch', '-q', 'origin');
  await local.git('reset', '-q', '--hard', 'origin/main');
  await local.git('config', 'user.name', 'Pat Proposer');
  await local.git('config', 'user.email', 'pat@example.test');
  return { name, local, repo: await openRepo(local.dir) };
}

const propose = async (
  clone: Clone,
  options: { token?: string; force?: boolean } = {},
) => {
  const token = options.token ?? TOKEN;
  const prepared = await clone.repo.prepareBranch({
    branch: BRANCH,
    base: 'main',
    remote: 'origin',
    token,
  });
  const committed = await clone.repo.commitFiles({
    branch: BRANCH,
    paths: ['roles'],
    message: 'Propose roles\n\nMined from the HR export.',
    trailers: {
      'Rolesmith-Run': 'run-42',
      'Rolesmith-Data-Date': '2026-12-01',
    },
  });
  const pushed = await clone.repo.push({
    remote: 'origin',
    branch: BRANCH,
    token,
    ...(options.force !== false && { force: 'with-lease' as const }),
  });
  return { prepared, committed, pushed };
};

async function failure(promise: Promise<unknown>): Promise<GitRemoteError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GitRemoteError);
  return error as GitRemoteError;
}

async function deadUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => {
    probe.close(() => {
      done();
    });
  });
  return `http://127.0.0.1:${port}/acme/gone.git`;
}

/**
 * Reads every process's command line (Linux /proc) until stopped, and
 * returns those that contain `secret`: a token passed as an argument
 * would be visible to every user of the machine this way.
 */
function watchCommandLines(secret: string): () => Promise<string[]> {
  const seen = new Set<string>();
  let running = existsSync('/proc/self/cmdline');
  const loop = (async () => {
    while (running) {
      const pids = (await readdir('/proc')).filter((name) =>
        /^\d+$/.test(name),
      );
      for (const pid of pids) {
        const line = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(
          () => '',
        );
        if (line.includes(secret)) seen.add(line.replace(/\0/g, ' '));
      }
    }
  })();
  return async () => {
    running = false;
    await loop;
    return [...seen];
  };
}

/** Every byte under .git, objects decompressed, as one string. */
async function everythingInGitDir(local: TempRepo): Promise<string> {
  const parts: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else parts.push(await readFile(full, 'latin1'));
    }
  };
  await walk(join(local.dir, '.git'));
  const { stdout } = await exec(
    'git',
    ['cat-file', '--batch-all-objects', '--batch'],
    { cwd: local.dir, maxBuffer: 64 * 1024 * 1024 },
  );
  parts.push(stdout);
  return parts.join('\n');
}

describe('openRepo', () => {
  it('refuses a folder that is not a git work tree, as bad input', async () => {
    const plain = await mkdtemp(join(tmpdir(), 'rolesmith-plain-'));
    cleanups.push(() => rm(plain, { recursive: true, force: true }));
    for (const dir of [plain, join(plain, 'missing')]) {
      const error: unknown = await openRepo(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RolesmithError);
      expect(error).toMatchObject({ code: 'input', exitCode: 2 });
    }
  });

  it('reports branch, head and changes relative to the opened folder', async () => {
    const local = await createTempRepo({
      'cat/roles/a.yaml': 'id: a\n',
      'cat/roles/gone.yaml': 'id: gone\n',
      'other.txt': 'x\n',
    });
    cleanups.push(() => local.remove());
    const repo = await openRepo(join(local.dir, 'cat'));
    expect(await repo.currentBranch()).toBe('main');
    expect(await repo.headCommit()).toBe(
      (await local.git('rev-parse', 'HEAD')).trim(),
    );
    expect(await repo.isClean()).toBe(true);

    await local.write({
      'cat/roles/a.yaml': 'id: a\ntitle: A\n',
      'cat/roles/gone.yaml': null,
      'cat/roles/new/b.yaml': 'id: b\n',
      'other.txt': 'changed\n',
    });
    expect(await repo.isClean(['roles'])).toBe(false);
    expect(await repo.changedFiles(['roles'])).toEqual([
      { path: 'roles/a.yaml', status: 'modified' },
      { path: 'roles/gone.yaml', status: 'deleted' },
      { path: 'roles/new/b.yaml', status: 'untracked' },
    ]);
    await local.git('checkout', '-q', '--detach');
    expect(await repo.currentBranch()).toBeUndefined();
    const empty = await createTempRepo();
    cleanups.push(() => empty.remove());
    expect(await (await openRepo(empty.dir)).headCommit()).toBeUndefined();
  });
});

describe('proposing through the loopback git server', () => {
  it('creates the branch, commits with trailers and pushes, leaving the work tree alone', async () => {
    const clone = await catalogue();
    await clone.local.write({
      'roles/a.yaml': 'id: a\ntitle: Accounts payable\n',
      'roles/b.yaml': 'id: b\n',
      'README.md': '# not part of the proposal\n',
    });
    const statusBefore = await clone.local.git('status', '--porcelain');
    const headBefore = await clone.repo.headCommit();

    const { prepared, committed, pushed } = await propose(clone);

    expect(prepared).toMatchObject({
      action: 'created',
      remoteHead: undefined,
      previousHead: undefined,
    });
    expect(prepared.base).toBe(await server.branchHead(clone.name, 'main'));
    expect(committed.changed).toBe(true);
    expect(committed.files).toEqual([
      { path: 'roles/a.yaml', status: 'modified' },
      { path: 'roles/b.yaml', status: 'added' },
    ]);
    expect(pushed).toEqual({ commit: committed.commit, status: 'created' });
    expect(await server.branchHead(clone.name, BRANCH)).toBe(committed.commit);
    expect(await server.readFile(clone.name, BRANCH, 'roles/b.yaml')).toBe(
      'id: b\n',
    );
    // Only roles/ is proposed; the README change stays local.
    expect(await server.readFile(clone.name, BRANCH, 'README.md')).toBe(
      '# catalogue\n',
    );
    expect(await clone.local.git('status', '--porcelain')).toBe(statusBefore);
    expect(await clone.repo.currentBranch()).toBe('main');
    expect(await clone.repo.headCommit()).toBe(headBefore);

    const message = await clone.local.git('log', '-1', '--format=%B', BRANCH);
    expect(message).toBe(
      'Propose roles\n\nMined from the HR export.\n\n' +
        'Rolesmith-Run: run-42\nRolesmith-Data-Date: 2026-12-01\n\n',
    );
    const who = await clone.local.git(
      'log',
      '-1',
      '--format=%an <%ae>|%cn <%ce>',
      BRANCH,
    );
    expect(who.trim()).toBe(
      'Pat Proposer <pat@example.test>|Pat Proposer <pat@example.test>',
    );
  });

  it('makes no new commit when run again without a change', async () => {
    const clone = await catalogue();
    await clone.local.write({ 'roles/b.yaml': 'id: b\n' });
    const first = await propose(clone);
    const again = await propose(clone);
    expect(again.prepared.action).toBe('kept');
    expect(again.committed).toEqual({
      commit: first.committed.commit,
      changed: false,
      files: [],
    });
    expect(again.pushed.status).toBe('up-to-date');
    expect(await server.branchHead(clone.name, BRANCH)).toBe(
      first.committed.commit,
    );
  });

  it('pushes an update as a new commit on the same branch', async () => {
    const clone = await catalogue();
    await clone.local.write({
      'roles/b.yaml': 'id: b\n',
      'roles/c.yaml': 'id: c\n',
    });
    const first = await propose(clone);
    // The next mining run changes b, drops c and deletes an existing role.
    await clone.local.write({
      'roles/b.yaml': 'id: b\ntitle: B\n',
      'roles/c.yaml': null,
      'roles/old.yaml': null,
    });
    const second = await propose(clone);
    expect(second.committed.changed).toBe(true);
    expect(second.pushed.status).toBe('fast-forward');
    expect(
      (
        await clone.local.git('rev-parse', `${second.committed.commit}^`)
      ).trim(),
    ).toBe(first.committed.commit);
    expect(second.committed.files).toEqual([
      { path: 'roles/b.yaml', status: 'modified' },
      { path: 'roles/c.yaml', status: 'deleted' },
      { path: 'roles/old.yaml', status: 'deleted' },
    ]);
    const tree = await exec(
      'git',
      ['ls-tree', '-r', '--name-only', BRANCH, 'roles'],
      { cwd: server.repoPath(clone.name) },
    );
    expect(tree.stdout.split('\n').filter(Boolean)).toEqual([
      'roles/a.yaml',
      'roles/b.yaml',
    ]);
  });

  it('adds trailers to a trailer block the message already ends with', async () => {
    const clone = await catalogue();
    await clone.local.write({ 'roles/b.yaml': 'id: b\n' });
    await clone.repo.prepareBranch({
      branch: BRANCH,
      base: 'main',
      remote: 'origin',
      token: TOKEN,
    });
    const { commit } = await clone.repo.commitFiles({
      branch: BRANCH,
      paths: ['roles'],
      message: 'Propose b\n\nSigned-off-by: Pat <pat@example.test>\n',
      trailers: { 'Rolesmith-Run': 'run-7' },
    });
    expect(await clone.local.git('log', '-1', '--format=%B', commit)).toBe(
      'Propose b\n\nSigned-off-by: Pat <pat@example.test>\nRolesmith-Run: run-7\n\n',
    );
  });

  it('rebuilds the proposal on a base that moved on, keeping what the base gained', async () => {
    const clone = await catalogue();
    await clone.local.write({ 'roles/b.yaml': 'id: b\n' });
    const first = await propose(clone);
    const moved = await server.commitOnServer(
      clone.name,
      'main',
      { 'roles/z.yaml': 'id: z\n' },
      'another role merged',
    );

    const prepared = await clone.repo.prepareBranch({
      branch: BRANCH,
      base: 'main',
      remote: 'origin',
      token: TOKEN,
    });
    expect(prepared).toMatchObject({
      action: 'reset',
      base: moved,
      head: moved,
      previousHead: first.committed.commit,
      remoteHead: first.committed.commit,
    });
    const committed = await clone.repo.commitFiles({
      branch: BRANCH,
      paths: ['roles'],
      message: 'Propose roles',
    });
    expect(committed.files).toEqual([
      { path: 'roles/b.yaml', status: 'added' },
    ]);

    // Replacing the old proposal needs the lease.
    const plain = await failure(
      clone.repo.push({ remote: 'origin', branch: BRANCH, token: TOKEN }),
    );
    expect(plain.reason).toBe('moved');
    const pushed = await clone.repo.push({
      remote: 'origin',
      branch: BRANCH,
      token: TOKEN,
      force: 'with-lease',
    });
    expect(pushed.status).toBe('forced');
    expect(await server.readFile(clone.name, BRANCH, 'roles/z.yaml')).toBe(
      'id: z\n',
    );
    expect(prepared.forcePush).toBe(true);
  });

  it('tells a fresh clone to force when the remote proposal predates the base', async () => {
    const clone = await catalogue();
    await clone.local.write({ 'roles/b.yaml': 'id: b\n' });
    const first = await propose(clone);
    await server.commitOnServer(
      clone.name,
      'main',
      { 'x.txt': 'x\n' },
      'moved',
    );
    // A CI runner: a new clone, without the local proposal branch.
    const fresh = await catalogue();
    await fresh.local.git(
      'remote',
      'set-url',
      'origin',
      server.repoUrl(clone.name),
    );
    await fresh.local.git(...authArgs(), 'fetch', '-q', 'origin');
    await fresh.local.git('reset', '-q', '--hard', 'origin/main');
    await fresh.local.write({ 'roles/b.yaml': 'id: b\n' });
    const again = await propose(fresh);
    expect(again.prepared).toMatchObject({
      action: 'created',
      forcePush: true,
      remoteHead: first.committed.commit,
    });
    expect(again.pushed.status).toBe('forced');

    // With the remote proposal already on the base, no force is needed.
    const third = await catalogue();
    await third.local.git(
      'remote',
      'set-url',
      'origin',
      server.repoUrl(clone.name),
    );
    await third.local.git(...authArgs(), 'fetch', '-q', 'origin');
    await third.local.git('reset', '-q', '--hard', 'origin/main');
    await third.local.write({ 'roles/b.yaml': 'id: b\n' });
    const prepared = await third.repo.prepareBranch({
      branch: BRANCH,
      base: 'main',
      remote: 'origin',
      token: TOKEN,
    });
    expect(prepared).toMatchObject({
      action: 'created',
      forcePush: false,
      head: again.committed.commit,
    });
    const unchanged = await third.repo.commitFiles({
      branch: BRANCH,
      paths: ['roles'],
      message: 'Propose roles',
    });
    expect(unchanged.changed).toBe(false);
  });

  it('commits only the files named, deletions included', async () => {
    const clone = await catalogue();
    await clone.local.write({
      'roles/old.yaml': null,
      'roles/b.yaml': 'id: b\n',
      'roles/c.yaml': 'id: c\n',
    });
    await clone.repo.prepareBranch({
      branch: BRANCH,
      base: 'main',
      remote: 'origin',
      token: TOKEN,
    });
    const committed = await clone.repo.commitFiles({
      branch: BRANCH,
      paths: ['roles/old.yaml', 'roles/b.yaml', 'roles/never-existed.yaml'],
      message: 'Propose b, retire old',
    });
    expect(committed.files).toEqual([
      { path: 'roles/b.yaml', status: 'added' },
      { path: 'roles/old.yaml', status: 'deleted' },
    ]);
  });

  it('fetches the base alone and names the .git folder', async () => {
    const clone = await catalogue();
    const moved = await server.commitOnServer(
      clone.name,
      'main',
      { 'x.txt': 'x\n' },
      'moved',
    );
    const ref = await clone.repo.fetchBase({
      remote: 'origin',
      base: 'main',
      token: TOKEN,
    });
    expect(ref).toBe('refs/remotes/origin/main');
    expect((await clone.local.git('rev-parse', ref)).trim()).toBe(moved);
    expect(await clone.repo.gitDir()).toBe(
      (await clone.local.git('rev-parse', '--absolute-git-dir')).trim(),
    );
    const missing: unknown = await clone.repo
      .fetchBase({ remote: 'origin', base: 'trunk', token: TOKEN })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'git', exitCode: 2 });
  });

  it('refuses to undo a change the base made to a file also changed here', async () => {
    const clone = await catalogue();
    await server.commitOnServer(
      clone.name,
      'main',
      { 'roles/a.yaml': 'id: a\nowner: upstream\n' },
      'upstream edits a',
    );
    await clone.local.write({ 'roles/a.yaml': 'id: a\nowner: local\n' });
    await clone.repo.prepareBranch({
      branch: BRANCH,
      base: 'main',
      remote: 'origin',
      token: TOKEN,
    });
    const head = await clone.local.git('rev-parse', BRANCH);
    const error: unknown = await clone.repo
      .commitFiles({ branch: BRANCH, paths: ['roles'], message: 'Propose' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RolesmithError);
    expect(error).toMatchObject({ code: 'git', exitCode: 2 });
    expect((error as Error).message).toContain('roles/a.yaml');
    expect((error as Error).message).toContain('origin/main');
    expect(await clone.local.git('rev-parse', BRANCH)).toBe(head);
    expect(await readFile(join(clone.local.dir, 'roles/a.yaml'), 'utf8')).toBe(
      'id: a\nowner: local\n',
    );
  });

  it('carries local commits made on top of the base', async () => {
    const clone = await catalogue();
    await clone.local.commit('role b, committed locally', {
      'roles/b.yaml': 'id: b\n',
    });
    await clone.local.write({ 'roles/c.yaml': 'id: c\n' });
    const { committed } = await propose(clone);
    expect(committed.files).toEqual([
      { path: 'roles/b.yaml', status: 'added' },
      { path: 'roles/c.yaml', status: 'added' },
    ]);
  });

  it('refuses to move a branch that is checked out', async () => {
    const clone = await catalogue();
    await clone.local.git('switch', '-q', '-c', BRANCH);
    const error: unknown = await clone.repo
      .prepareBranch({ branch: BRANCH, base: 'main', remote: 'origin' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'git', exitCode: 2 });
    expect((error as Error).message).toContain('checked out');
  });

  it('falls back to a rolesmith identity only when git has none', async () => {
    const clone = await catalogue();
    await clone.local.git('config', '--unset', 'user.name');
    await clone.local.git('config', '--unset', 'user.email');
    const home = await mkdtemp(join(tmpdir(), 'rolesmith-home-'));
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    vi.stubEnv('HOME', home);
    vi.stubEnv('XDG_CONFIG_HOME', home);
    await clone.local.write({ 'roles/b.yaml': 'id: b\n' });
    const { committed } = await propose(clone);
    const who = await clone.local.git(
      'log',
      '-1',
      '--format=%an <%ae>|%cn <%ce>',
      committed.commit,
    );
    expect(who.trim()).toBe(
      'rolesmith <rolesmith@localhost>|rolesmith <rolesmith@localhost>',
    );
  });

  it('reports a missing base branch and a missing remote clearly', async () => {
    const clone = await catalogue();
    const missingBase: unknown = await clone.repo
      .prepareBranch({
        branch: BRANCH,
        base: 'trunk',
        remote: 'origin',
        token: TOKEN,
      })
      .catch((e: unknown) => e);
    expect(missingBase).toMatchObject({ code: 'git', exitCode: 2 });
    expect((missingBase as Error).message).toContain('"trunk" does not exist');
    const missingRemote: unknown = await clone.repo
      .prepareBranch({ branch: BRANCH, base: 'main', remote: 'upstream' })
      .catch((e: unknown) => e);
    expect(missingRemote).toMatchObject({ code: 'config', exitCode: 2 });
  });
});

describe('faults, and the token kept secret', () => {
  it('never shows the token: not in errors, output, .git or the process list', async () => {
    const clone = await catalogue();
    await clone.local.write({ 'roles/b.yaml': 'id: b\n' });
    const out = vi.spyOn(process.stdout, 'write');
    const err = vi.spyOn(process.stderr, 'write');
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    const messages: string[] = [];
    const keep = (error: unknown) => {
      let current: unknown = error;
      while (current instanceof Error) {
        messages.push(current.message, current.stack ?? '');
        if (current instanceof RolesmithError) {
          messages.push(current.describe());
        }
        current = current.cause;
      }
    };
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
    const stopWatching = watchCommandLines(basic);
    try {
      await propose(clone);
      // A wrong token, whose error could echo what was sent.
      await propose(clone, { token: `${TOKEN}-wrong` }).catch(keep);
      await clone.repo
        .push({ remote: 'origin', branch: 'main', token: TOKEN })
        .catch(keep);
    } finally {
      expect(await stopWatching()).toEqual([]);
      process.off('warning', onWarning);
      out.mockRestore();
      err.mockRestore();
    }
    expect(messages.length).toBeGreaterThan(0);
    const printed = [...out.mock.calls, ...err.mock.calls]
      .map((call) => String(call[0]))
      .join('');
    for (const text of [
      messages.join('\n'),
      printed,
      warnings.join('\n'),
      await readFile(join(clone.local.dir, '.git/config'), 'utf8'),
      await everythingInGitDir(clone.local),
    ]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(basic);
    }
    expect(await clone.local.git('config', '--list')).not.toContain(TOKEN);
  });

  it('reports a refused or missing token as an authentication failure', async () => {
    const clone = await catalogue();
    await clone.local.write({ 'roles/b.yaml': 'id: b\n' });
    const wrong = await failure(propose(clone, { token: 'ghs_wrong' }));
    expect(wrong).toMatchObject({ reason: 'auth', code: 'git', exitCode: 2 });
    expect(wrong.message).toContain('refused the token');
    expect(wrong.message).not.toContain('ghs_wrong');

    const none = await failure(
      clone.repo.prepareBranch({
        branch: BRANCH,
        base: 'main',
        remote: 'origin',
      }),
    );
    expect(none.reason).toBe('auth');
    expect(none.message).toContain('needs credentials');
  });

  it('reports a token without write access as forbidden, with the remote’s words', async () => {
    const clone = await catalogue();
    await clone.local.write({ 'roles/b.yaml': 'id: b\n' });
    const error = await failure(propose(clone, { token: READ_ONLY }));
    expect(error.reason).toBe('forbidden');
    expect(error.message).toContain('HTTP 403');
    expect(error.remoteMessages.join('\n')).toContain('Permission to');
    expect(error.message).not.toContain(READ_ONLY);
  });

  it('reports a protected branch, keeps everything, and succeeds once allowed', async () => {
    const clone = await catalogue();
    await server.protectBranches(clone.name, ['main', BRANCH]);
    await clone.local.write({ 'roles/b.yaml': 'id: b\n' });
    const error = await failure(propose(clone));
    expect(error.reason).toBe('protected');
    expect(error.message).toContain('protected branch');
    expect(error.message).toContain(
      'remote: error: GH006: Protected branch update failed for refs/heads/rolesmith/roles.',
    );
    const local = (await clone.local.git('rev-parse', BRANCH)).trim();
    expect(await readFile(join(clone.local.dir, 'roles/b.yaml'), 'utf8')).toBe(
      'id: b\n',
    );
    expect(await server.branchHead(clone.name, BRANCH)).toBeUndefined();

    await server.protectBranches(clone.name, ['main']);
    const retry = await propose(clone);
    expect(retry.committed).toMatchObject({ commit: local, changed: false });
    expect(retry.pushed.status).toBe('created');
  });

  it('reports a proposal branch that moved on remotely, then resumes', async () => {
    const clone = await catalogue();
    await clone.local.write({ 'roles/b.yaml': 'id: b\n' });
    await propose(clone);
    await clone.local.write({ 'roles/b.yaml': 'id: b\ntitle: B\n' });
    await clone.repo.prepareBranch({
      branch: BRANCH,
      base: 'main',
      remote: 'origin',
      token: TOKEN,
    });
    await clone.repo.commitFiles({
      branch: BRANCH,
      paths: ['roles'],
      message: 'Update b',
    });
    // A reviewer pushes to the proposal between our fetch and our push.
    const theirs = await server.commitOnServer(
      clone.name,
      BRANCH,
      { 'roles/b.yaml': 'id: b\ntitle: Reviewer\n' },
      'reviewer fix',
    );
    const stale = await failure(
      clone.repo.push({
        remote: 'origin',
        branch: BRANCH,
        token: TOKEN,
        force: 'with-lease',
      }),
    );
    expect(stale.reason).toBe('moved');
    expect(stale.message).toContain('stale info');
    const nonFastForward = await failure(
      clone.repo.push({ remote: 'origin', branch: BRANCH, token: TOKEN }),
    );
    expect(nonFastForward.reason).toBe('moved');
    expect(await server.branchHead(clone.name, BRANCH)).toBe(theirs);

    const resumed = await propose(clone);
    expect(resumed.prepared).toMatchObject({
      action: 'reset',
      head: theirs,
    });
    expect(resumed.pushed.status).toBe('fast-forward');
    expect(await server.readFile(clone.name, BRANCH, 'roles/b.yaml')).toBe(
      'id: b\ntitle: B\n',
    );
  });

  it('reports the network being down, keeps everything, and resumes', async () => {
    const clone = await catalogue();
    await clone.local.write({ 'roles/b.yaml': 'id: b\n' });
    await clone.repo.prepareBranch({
      branch: BRANCH,
      base: 'main',
      remote: 'origin',
      token: TOKEN,
    });
    const { commit } = await clone.repo.commitFiles({
      branch: BRANCH,
      paths: ['roles'],
      message: 'Propose',
    });
    const url = server.repoUrl(clone.name);
    await clone.local.git('remote', 'set-url', 'origin', await deadUrl());

    const push = await failure(
      clone.repo.push({ remote: 'origin', branch: BRANCH, token: TOKEN }),
    );
    expect(push.reason).toBe('network');
    expect(push.message).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+/);
    const fetch = await failure(propose(clone));
    expect(fetch.reason).toBe('network');
    expect((await clone.local.git('rev-parse', BRANCH)).trim()).toBe(commit);
    expect(await readFile(join(clone.local.dir, 'roles/b.yaml'), 'utf8')).toBe(
      'id: b\n',
    );

    await clone.local.git('remote', 'set-url', 'origin', url);
    const resumed = await propose(clone);
    expect(resumed.committed).toEqual({ commit, changed: false, files: [] });
    expect(resumed.pushed.status).toBe('created');
  });

  it('uses its token over a stale one a CI checkout left in .git/config', async () => {
    const clone = await catalogue();
    const stale = Buffer.from('x-access-token:expired').toString('base64');
    await clone.local.git(
      'config',
      `http.${server.url}/.extraheader`,
      `AUTHORIZATION: basic ${stale}`,
    );
    await clone.local.write({ 'roles/b.yaml': 'id: b\n' });
    const { pushed } = await propose(clone);
    expect(pushed.status).toBe('created');
  });
});
