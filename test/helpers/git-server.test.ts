import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GitServer } from './git-server.ts';
import { startGitServer } from './git-server.ts';

const exec = promisify(execFile);
const TOKEN = 'test-token-4f9c2a';
const READ_ONLY = 'read-only-token-77';

let server: GitServer;
const dirs: string[] = [];

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
  for (const dir of dirs.splice(0)) {
    await rm(dir, { recursive: true, force: true });
  }
});

function header(token: string): string[] {
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  return ['-c', `http.extraHeader=Authorization: Basic ${basic}`];
}

/** git as a client would run it; resolves with the outcome either way. */
async function git(
  cwd: string,
  args: string[],
): Promise<{ ok: boolean; out: string }> {
  try {
    const { stdout, stderr } = await exec('git', args, {
      cwd,
      env: {
        ...process.env,
        GIT_TERMINAL_PROMPT: '0',
        GIT_AUTHOR_NAME: 'Client',
        GIT_AUTHOR_EMAIL: 'client@example.test',
        GIT_COMMITTER_NAME: 'Client',
        GIT_COMMITTER_EMAIL: 'client@example.test',
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: true, out: stdout + stderr };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    return { ok: false, out: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rolesmith-git-client-'));
  dirs.push(dir);
  return dir;
}

async function clone(name: string, token = TOKEN): Promise<string> {
  const parent = await tempDir();
  const result = await git(parent, [
    ...header(token),
    'clone',
    '-q',
    server.repoUrl(name),
    'work',
  ]);
  expect(result.out).toBe('');
  expect(result.ok).toBe(true);
  return join(parent, 'work');
}

describe('the loopback git server', () => {
  it('serves a clone and takes a push with the token', async () => {
    const url = await server.createRepo('acme/clone-push', {
      seed: { 'roles/a.yaml': 'id: a\n' },
    });
    expect(url).toBe(`${server.url}/acme/clone-push.git`);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const work = await clone('acme/clone-push');
    expect(await readFile(join(work, 'roles/a.yaml'), 'utf8')).toBe('id: a\n');

    await writeFile(join(work, 'b.yaml'), 'id: b\n');
    await git(work, ['add', 'b.yaml']);
    await git(work, ['commit', '-q', '-m', 'add b']);
    const pushed = await git(work, [
      ...header(TOKEN),
      'push',
      'origin',
      'HEAD:refs/heads/feature',
    ]);
    expect(pushed.ok).toBe(true);
    const local = (await git(work, ['rev-parse', 'HEAD'])).out.trim();
    expect(await server.branchHead('acme/clone-push', 'feature')).toBe(local);
    expect(await server.readFile('acme/clone-push', 'feature', 'b.yaml')).toBe(
      'id: b\n',
    );
    const push = server.requests.find(
      (r) => r.method === 'POST' && r.path.endsWith('/git-receive-pack'),
    );
    expect(push).toMatchObject({ status: 200, authorized: true });
  });

  it('answers 401 with a Basic challenge without a token or with a wrong one', async () => {
    await server.createRepo('acme/auth', { seed: { 'a.txt': 'a\n' } });
    const parent = await tempDir();
    const before = server.requests.length;

    const anonymous = await git(parent, [
      'ls-remote',
      server.repoUrl('acme/auth'),
    ]);
    expect(anonymous.ok).toBe(false);
    expect(anonymous.out).toContain('could not read Username');
    const wrong = await git(parent, [
      ...header('not-the-token'),
      'ls-remote',
      server.repoUrl('acme/auth'),
    ]);
    expect(wrong.ok).toBe(false);

    const seen = server.requests.slice(before);
    expect(seen).toHaveLength(2);
    expect(seen.every((r) => r.status === 401 && !r.authorized)).toBe(true);

    const response = await fetch(
      `${server.repoUrl('acme/auth')}/info/refs?service=git-upload-pack`,
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Basic realm="rolesmith-test"',
    );
  });

  it('lets a read-only token clone but answers its push with 403', async () => {
    await server.createRepo('acme/read-only', { seed: { 'a.txt': 'a\n' } });
    const work = await clone('acme/read-only', READ_ONLY);
    const push = await git(work, [
      ...header(READ_ONLY),
      'push',
      'origin',
      'HEAD:refs/heads/feature',
    ]);
    expect(push.ok).toBe(false);
    expect(push.out).toContain('The requested URL returned error: 403');
    expect(push.out).toContain(
      'remote: Permission to acme/read-only.git denied',
    );
    expect(
      await server.branchHead('acme/read-only', 'feature'),
    ).toBeUndefined();
  });

  it('refuses a push to a protected branch the way GitHub words it', async () => {
    await server.createRepo('acme/protected', { seed: { 'a.txt': 'a\n' } });
    const before = await server.branchHead('acme/protected', 'main');
    const work = await clone('acme/protected');
    await writeFile(join(work, 'a.txt'), 'changed\n');
    await git(work, ['commit', '-q', '-am', 'straight to main']);

    const refused = await git(work, [
      ...header(TOKEN),
      'push',
      'origin',
      'main',
    ]);
    expect(refused.ok).toBe(false);
    expect(refused.out).toContain(
      'remote: error: GH006: Protected branch update failed for refs/heads/main.',
    );
    expect(refused.out).toMatch(
      /\[remote rejected\] main -> main \(.*hook declined\)/,
    );
    expect(await server.branchHead('acme/protected', 'main')).toBe(before);

    await server.protectBranches('acme/protected', []);
    const accepted = await git(work, [
      ...header(TOKEN),
      'push',
      'origin',
      'main',
    ]);
    expect(accepted.ok).toBe(true);
  });

  it('moves a branch from outside, and a fetch sees it', async () => {
    await server.createRepo('acme/moved', { seed: { 'a.txt': 'a\n' } });
    const work = await clone('acme/moved');
    const before = (await git(work, ['rev-parse', 'origin/main'])).out.trim();

    // main is protected: an outside commit still lands, as a merge does.
    const moved = await server.commitOnServer(
      'acme/moved',
      'main',
      { 'b.txt': 'b\n', 'a.txt': null },
      'someone else merged',
    );
    expect(moved).not.toBe(before);
    expect(await server.branchHead('acme/moved', 'main')).toBe(moved);

    const fetched = await git(work, [
      ...header(TOKEN),
      'fetch',
      '-q',
      'origin',
    ]);
    expect(fetched.ok).toBe(true);
    expect((await git(work, ['rev-parse', 'origin/main'])).out.trim()).toBe(
      moved,
    );
    expect((await git(work, ['rev-parse', `${moved}^`])).out.trim()).toBe(
      before,
    );
    const files = await git(work, ['ls-tree', '--name-only', 'origin/main']);
    expect(files.out.split('\n').filter(Boolean)).toEqual(['b.txt']);

    // A branch the server does not have yet starts at HEAD.
    const side = await server.commitOnServer('acme/moved', 'side', {}, 'side');
    expect(
      (
        await git(work, [
          '-C',
          server.repoPath('acme/moved'),
          'rev-parse',
          `${side}^`,
        ])
      ).out.trim(),
    ).toBe(moved);
  });

  it('takes a gzip-compressed request body and a chunked one', async () => {
    // Many distinct branch tips make the clone's "want" list larger than
    // the 1 KiB above which git compresses a request.
    await server.createRepo('acme/big', { seed: { 'a.txt': 'a\n' } });
    const bare = server.repoPath('acme/big');
    for (let i = 0; i < 40; i++) {
      const commit = await git(bare, [
        'commit-tree',
        'main^{tree}',
        '-p',
        'main',
        '-m',
        `c${i}`,
      ]);
      await git(bare, ['update-ref', `refs/heads/b${i}`, commit.out.trim()]);
    }
    const before = server.requests.length;
    const work = await clone('acme/big');
    const gzipped = server.requests
      .slice(before)
      .filter((r) => r.contentEncoding === 'gzip');
    expect(gzipped.length).toBeGreaterThan(0);
    expect(gzipped.every((r) => r.status === 200)).toBe(true);
    const branches = await git(work, ['branch', '-r']);
    expect(branches.out).toContain('origin/b39');

    // Beyond http.postBuffer (1 MiB) git streams the push chunked, with
    // no Content-Length.
    const blob = randomBytes(3 * 1024 * 1024).toString('base64');
    await writeFile(join(work, 'large.txt'), blob);
    await git(work, ['add', 'large.txt']);
    await git(work, ['commit', '-q', '-m', 'large']);
    const pushed = await git(work, [
      ...header(TOKEN),
      'push',
      'origin',
      'HEAD:refs/heads/large',
    ]);
    expect(pushed.ok).toBe(true);
    expect(await server.readFile('acme/big', 'large', 'large.txt')).toBe(blob);
    expect(
      server.requests.some(
        (r) => r.chunked === true && r.path.endsWith('/git-receive-pack'),
      ),
    ).toBe(true);
  });
});
