import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GitServer } from './helpers/git-server.ts';
import { startGitServer } from './helpers/git-server.ts';
import { spawnRolesmith } from './helpers/spawn-rolesmith.ts';
import type { StallMode, StallServer } from './helpers/stall-server.ts';
import { startStallServer } from './helpers/stall-server.ts';
import { apClerkRole, cloneFromServer } from './helpers/server-clone.ts';
import type { TempRepo } from './helpers/temp-repo.ts';

const TOKEN = 'ghp_timeouts00000000000000000000000000000';
const ROLE_PATH = 'roles/finance/ap-clerk.yaml';

// Every timeout 1 s unless a test says otherwise; retries without waits.
const FAST = {
  GITHUB_TOKEN: TOKEN,
  ROLESMITH_GITHUB_TIMEOUT_MS: '1000',
  ROLESMITH_GITHUB_RETRY_UNIT_MS: '1',
  ROLESMITH_GITHUB_WRITE_SPACING_MS: '0',
  ROLESMITH_GIT_STALL_TIMEOUT_MS: '1000',
  ROLESMITH_GIT_TIMEOUT_MS: '1000',
};

// Generous against a loaded machine, far below any default (60 s).
const BOUND_MS = 10_000;

let server: GitServer;
let clone: TempRepo;
const stalls: StallServer[] = [];
let remotes = 0;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await server.createRepo('acme/roles', {
    seed: { [ROLE_PATH]: apClerkRole(['u1']) },
  });
  clone = await cloneFromServer(server, 'acme/roles', TOKEN);
  // What mining wrote and propose must leave alone.
  await writeFile(join(clone.dir, ROLE_PATH), apClerkRole(['u1', 'u2']));
}, 60_000);

afterEach(async () => {
  await Promise.all(stalls.splice(0).map((stall) => stall.close()));
});

afterAll(async () => {
  await server.close();
  await clone.remove();
});

async function stall(
  mode: StallMode,
  contentType?: string,
): Promise<StallServer> {
  const started = await startStallServer(mode, {
    ...(contentType !== undefined && { contentType }),
  });
  stalls.push(started);
  return started;
}

/** A new remote name, so that tests never share one. */
async function addRemote(fetchUrl: string, pushUrl?: string): Promise<string> {
  const name = `r${String(++remotes)}`;
  await clone.git('remote', 'add', name, fetchUrl);
  if (pushUrl !== undefined) {
    await clone.git('remote', 'set-url', '--push', name, pushUrl);
  }
  return name;
}

/** Everything of the clone that propose must not change. */
async function snapshot() {
  return {
    status: await clone.git('status', '--porcelain=v1', '-uall'),
    index: await clone.git('ls-files', '--stage'),
    head: await clone.git('rev-parse', 'HEAD'),
    role: await readFile(join(clone.dir, ROLE_PATH), 'utf8'),
  };
}

const branches = () =>
  clone.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/');

function expectTimeoutReport(
  result: { code: number; stdout: string; stderr: string; ms: number },
  message: RegExp,
) {
  expect(result.stderr).toMatch(message);
  expect(result.stderr).toContain('your files and branches are kept');
  expect(result.stderr).not.toContain(TOKEN);
  expect(result.stdout).not.toContain(TOKEN);
  expect(result.code).toBe(2);
  expect(result.ms).toBeLessThan(BOUND_MS);
}

interface FetchHang {
  mode: StallMode;
  /** Which bound is in play; the other is set far out of the way. */
  bound: 'stall' | 'overall';
  said: string;
  variable: string;
}

describe('git over HTTP on a network that hangs', () => {
  it.each<[string, FetchHang]>([
    [
      'a server that accepts and never answers',
      {
        mode: 'silent',
        bound: 'stall',
        said: 'the transfer stalled \\(under 1 byte/s for 1 s\\)',
        variable: 'ROLESMITH_GIT_STALL_TIMEOUT_MS',
      },
    ],
    [
      'a server that sends headers, then stalls',
      {
        mode: 'headers',
        bound: 'stall',
        said: 'the transfer stalled \\(under 1 byte/s for 1 s\\)',
        variable: 'ROLESMITH_GIT_STALL_TIMEOUT_MS',
      },
    ],
    [
      'a command past the overall limit',
      {
        mode: 'silent',
        bound: 'overall',
        said: 'no result within 1 s, so it was stopped',
        variable: 'ROLESMITH_GIT_TIMEOUT_MS',
      },
    ],
  ])('stops a fetch: %s', async (_, hang) => {
    const remote = await stall(
      hang.mode,
      'application/x-git-upload-pack-advertisement',
    );
    const name = await addRemote(`${remote.url}/acme/roles.git`);
    const before = await snapshot();
    const refs = await branches();

    const result = await spawnRolesmith(
      ['propose', '--remote', name],
      clone.dir,
      hang.bound === 'stall'
        ? { ...FAST, ROLESMITH_GIT_TIMEOUT_MS: '30000' }
        : { ...FAST, ROLESMITH_GIT_STALL_TIMEOUT_MS: '30000' },
    );

    expectTimeoutReport(
      result,
      new RegExp(
        `git ls-remote http://${remote.host}/acme/roles\\.git timed out: ${hang.said}`,
      ),
    );
    expect(result.stderr).toContain(hang.variable);
    expect(await snapshot()).toEqual(before);
    expect(await branches()).toBe(refs);
  });

  it('stops a push that stalls and keeps the proposal branch', async () => {
    const remote = await stall(
      'headers',
      'application/x-git-receive-pack-advertisement',
    );
    // Fetches go to the real server, the push to the one that hangs.
    const name = await addRemote(
      server.repoUrl('acme/roles'),
      `${remote.url}/acme/roles.git`,
    );
    const before = await snapshot();

    const result = await spawnRolesmith(
      ['propose', '--remote', name],
      clone.dir,
      { ...FAST, ROLESMITH_GIT_TIMEOUT_MS: '30000' },
    );

    expectTimeoutReport(
      result,
      new RegExp(
        `git push http://${remote.host}/acme/roles\\.git timed out: the transfer stalled`,
      ),
    );
    expect(await snapshot()).toEqual(before);
    // The commit made for the proposal stays on its local branch.
    const proposal = await clone.git(
      'show',
      `refs/heads/rolesmith/roles-finance:${ROLE_PATH}`,
    );
    expect(proposal).toContain('u2');
  });
});

describe('the GitHub API on a network that hangs', () => {
  it.each<[string, StallMode]>([
    ['accepts and never answers', 'silent'],
    ['sends headers, then stalls', 'headers'],
  ])('gives up, after retries, on a server that %s', async (_, mode) => {
    const api = await stall(mode);
    const before = await snapshot();

    const result = await spawnRolesmith(
      ['propose', '--repo', 'acme/roles'],
      clone.dir,
      // Half a second: four attempts must fit in the bound with room.
      { ...FAST, GITHUB_API_URL: api.url, ROLESMITH_GITHUB_TIMEOUT_MS: '500' },
    );

    expectTimeoutReport(
      result,
      new RegExp(
        `GitHub at ${api.host} did not answer GET /repos/acme/roles/\\S+ in time \\(nothing within 0.5 s, also when retried\\)`,
      ),
    );
    expect(result.stderr).toContain('ROLESMITH_GITHUB_TIMEOUT_MS');
    // The first attempt and Octokit's three retries.
    expect(api.requests).toBe(4);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a timeout that is not a number of milliseconds', async () => {
    const result = await spawnRolesmith(
      ['propose', '--repo', 'acme/roles'],
      clone.dir,
      {
        ...FAST,
        GITHUB_API_URL: 'http://127.0.0.1:9',
        ROLESMITH_GITHUB_TIMEOUT_MS: '1m',
      },
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'ROLESMITH_GITHUB_TIMEOUT_MS="1m" is not a timeout in milliseconds',
    );
  });
});

describe('the caller’s ssh transport', () => {
  it('reaches git: GIT_SSH_COMMAND runs for an ssh remote', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolesmith-ssh-'));
    try {
      const record = join(dir, 'called');
      const script = join(dir, 'fake-ssh');
      await writeFile(
        script,
        `#!/bin/sh\nprintf '%s\\n' "$*" > '${record}'\necho 'fake-ssh: no way through' >&2\nexit 1\n`,
      );
      await chmod(script, 0o755);
      const name = await addRemote('ssh://example.invalid/acme/roles.git');

      const result = await spawnRolesmith(
        ['propose', '--remote', name],
        clone.dir,
        { ...FAST, GIT_SSH_COMMAND: script },
      );

      expect(result.code).toBe(2);
      const called = await readFile(record, 'utf8');
      expect(called).toContain('example.invalid');
      expect(called).toContain("git-upload-pack '/acme/roles.git'");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
