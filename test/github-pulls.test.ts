import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Octokit } from '@octokit/rest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RolesmithError } from '../src/errors.ts';
import type { GithubClient } from '../src/gitops/github-client.ts';
import { createGithubClient } from '../src/gitops/github-client.ts';
import {
  closePull,
  findOpenPull,
  listOpenProposals,
  openOrUpdatePull,
} from '../src/gitops/github-pulls.ts';
import { upsertStickyComment } from '../src/gitops/github-comments.ts';
import { createMemoryLogger } from '../src/logger.ts';
import type { GithubStandin } from './github-standin/index.ts';
import { startGithubStandin } from './github-standin/index.ts';
import type { TempRepo } from './helpers/temp-repo.ts';
import { createTempRepo } from './helpers/temp-repo.ts';

const exec = promisify(execFile);

const BOT_TOKEN = 'ghp_rolesmithbot000000000000000000000000';
const READER_TOKEN = 'ghp_reader00000000000000000000000000000';
const BOB_TOKEN = 'ghp_bob000000000000000000000000000000000';
const ACTIONS_TOKEN = 'ghs_actions00000000000000000000000000000';
const CAROL_TOKEN = 'ghp_carol0000000000000000000000000000000';
const MALLORY_TOKEN = 'ghp_mallory00000000000000000000000000000';

let root: string;
let bare: string;
let work: TempRepo;
let standin: GithubStandin;
let bot: GithubClient;
let logger: ReturnType<typeof createMemoryLogger>;

const target = { owner: 'acme', repo: 'catalogue' };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rolesmith-pulls-'));
  bare = join(root, 'catalogue.git');
  await exec('git', ['init', '--bare', '-q', '-b', 'main', bare]);
  work = await createTempRepo({ 'roles/base.yaml': 'id: base\n' });
  await work.git('push', '-q', bare, 'main');

  standin = await startGithubStandin({
    token: BOT_TOKEN,
    login: 'rolesmith-bot',
    tokens: [
      { token: READER_TOKEN, login: 'reader', access: 'read' },
      { token: BOB_TOKEN, login: 'bob' },
      { token: ACTIONS_TOKEN, login: 'github-actions[bot]' },
      { token: CAROL_TOKEN, login: 'carol' },
      { token: MALLORY_TOKEN, login: 'mallory' },
    ],
    world: {
      users: [{ login: 'github-actions[bot]', type: 'Bot' }],
      orgs: [
        {
          login: 'acme',
          members: {
            alice: 'admin',
            bob: 'member',
            reader: 'member',
            'rolesmith-bot': 'member',
          },
          outsideCollaborators: ['carol'],
          teams: [
            {
              slug: 'iam-owners',
              members: ['bob'],
              repos: { catalogue: 'push' },
            },
            { slug: 'elsewhere', members: ['bob'], repos: {} },
          ],
          repos: [
            {
              name: 'catalogue',
              gitDir: bare,
              collaborators: {
                'rolesmith-bot': 'push',
                reader: 'pull',
                carol: 'pull',
                'github-actions[bot]': 'push',
              },
              labels: [{ name: 'human', color: '0e8a16' }],
            },
          ],
        },
      ],
    },
  });
  logger = createMemoryLogger();
  bot = clientFor(BOT_TOKEN);
});

afterEach(() => {
  standin.assertNoViolations();
});

afterAll(async () => {
  await standin.close();
  await work.remove();
  await rm(root, { recursive: true, force: true });
});

function clientFor(token: string): GithubClient {
  return createGithubClient({
    baseUrl: standin.baseUrl,
    token,
    logger,
    retryUnitMs: 1,
    writeSpacingMs: 0,
  });
}

/** Commits on a branch of the work clone and pushes it to the bare repo. */
async function push(branch: string, file: string, text: string) {
  await work.git('switch', '-q', '-C', branch, 'main');
  const sha = await work.commit(`change ${file}`, { [file]: text });
  await work.git('push', '-q', '-f', bare, `${branch}:refs/heads/${branch}`);
  await work.git('switch', '-q', 'main');
  return sha;
}

/** A plain Octokit (the bot's unless told), to look at what is there. */
function look(token = BOT_TOKEN) {
  const quiet = () => {};
  return new Octokit({
    auth: token,
    baseUrl: standin.baseUrl,
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
}

function pulls() {
  return standin.world.orgs.get('acme')!.repos[0]!.pulls;
}

function writes(since: number) {
  return standin.requests
    .slice(since)
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`);
}

async function failure(promise: Promise<unknown>): Promise<RolesmithError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RolesmithError);
  return error as RolesmithError;
}

describe('openOrUpdatePull', () => {
  it('opens a draft with labels and reviewers, never asking the author', async () => {
    const sha = await push('rolesmith/payroll', 'roles/payroll.yaml', 'a\n');

    const opened = await openOrUpdatePull(bot, {
      ...target,
      head: 'rolesmith/payroll',
      base: 'main',
      title: 'Propose role payroll-clerk',
      body: 'One new role.',
      draft: true,
      labels: ['human', 'risk:high'],
      reviewers: {
        users: ['alice', 'rolesmith-bot'],
        teams: ['iam-owners'],
      },
    });

    expect(opened.created).toBe(true);
    expect(opened.url).toBe(
      `https://github.com/acme/catalogue/pull/${opened.number}`,
    );
    const { data } = await look().rest.pulls.get({
      ...target,
      pull_number: opened.number,
    });
    expect(data).toMatchObject({
      title: 'Propose role payroll-clerk',
      body: 'One new role.',
      draft: true,
      state: 'open',
      user: { login: 'rolesmith-bot' },
      head: { ref: 'rolesmith/payroll', sha },
      base: { ref: 'main' },
      commits: 1,
      changed_files: 1,
      additions: 1,
    });
    expect(data.labels.map((l) => l.name)).toEqual(['human', 'risk:high']);
    expect(data.requested_reviewers?.map((u) => u.login)).toEqual(['alice']);
    expect(data.requested_teams?.map((t) => t.slug)).toEqual(['iam-owners']);
    // GitHub creates a label it does not know, grey.
    const labels = standin.world.orgs.get('acme')!.repos[0]!.labels;
    expect(labels.find((l) => l.name === 'risk:high')?.color).toBe('ededed');
  });

  it('updates the same pull request on a re-run, after a push', async () => {
    const first = await openOrUpdatePull(bot, {
      ...target,
      head: 'rolesmith/payroll',
      base: 'main',
      title: 'Propose role payroll-clerk',
      body: 'One new role.',
      labels: ['human', 'risk:high'],
      reviewers: { users: ['alice'], teams: ['iam-owners'] },
    });
    const sha = await push('rolesmith/payroll', 'roles/payroll.yaml', 'b\n');
    const mark = standin.requests.length;

    const again = await openOrUpdatePull(bot, {
      ...target,
      head: 'rolesmith/payroll',
      base: 'main',
      title: 'Propose roles payroll-clerk and payroll-admin',
      body: 'Two roles now.',
      labels: ['Human', 'machine'],
      reviewers: { users: ['alice', 'carol'], teams: ['iam-owners'] },
    });

    expect(first.created).toBe(false);
    expect(again).toEqual({ ...first, created: false });
    expect(pulls().filter((p) => p.state === 'open')).toHaveLength(1);
    const { data } = await look().rest.pulls.get({
      ...target,
      pull_number: again.number,
    });
    expect(data.title).toBe('Propose roles payroll-clerk and payroll-admin');
    expect(data.body).toBe('Two roles now.');
    expect(data.head.sha).toBe(sha);
    // Matched regardless of case, as GitHub matches label names.
    expect(data.labels.map((l) => l.name)).toEqual(['human', 'machine']);
    expect(data.requested_reviewers?.map((u) => u.login)).toEqual([
      'alice',
      'carol',
    ]);
    expect(writes(mark)).toEqual([
      `PATCH /repos/acme/catalogue/pulls/${again.number}`,
      `PUT /repos/acme/catalogue/issues/${again.number}/labels`,
      `POST /repos/acme/catalogue/pulls/${again.number}/requested_reviewers`,
    ]);
  });

  it('writes nothing when the pull request is already as asked', async () => {
    const mark = standin.requests.length;

    const same = await openOrUpdatePull(bot, {
      ...target,
      head: 'rolesmith/payroll',
      base: 'main',
      title: 'Propose roles payroll-clerk and payroll-admin',
      body: 'Two roles now.',
      labels: ['machine', 'human'],
      reviewers: { users: ['carol'] },
    });

    expect(same.created).toBe(false);
    expect(writes(mark)).toEqual([]);
  });

  it('removes every label when asked for none', async () => {
    const opened = await openOrUpdatePull(bot, {
      ...target,
      head: 'rolesmith/payroll',
      base: 'main',
      title: 'Propose roles payroll-clerk and payroll-admin',
      body: 'Two roles now.',
      labels: [],
    });

    const { data } = await look().rest.issues.listLabelsOnIssue({
      ...target,
      issue_number: opened.number,
    });
    expect(data).toEqual([]);
  });

  it('finds the open pull request by owner and branch', async () => {
    const found = await findOpenPull(bot, {
      ...target,
      head: 'rolesmith/payroll',
      base: 'main',
    });
    const none = await findOpenPull(bot, {
      ...target,
      head: 'rolesmith/payroll',
      base: 'release',
    });

    expect(found).toMatchObject({
      head: 'rolesmith/payroll',
      base: 'main',
      author: 'rolesmith-bot',
      draft: true,
      state: 'open',
    });
    expect(none).toBeUndefined();
  });

  it('refuses a branch that was never pushed, as GitHub does', async () => {
    const error = await failure(
      openOrUpdatePull(bot, {
        ...target,
        head: 'rolesmith/never-pushed',
        base: 'main',
        title: 't',
        body: 'b',
      }),
    );

    expect(error.code).toBe('forge');
    expect(error.message).toBe(
      'GitHub refused to open a pull request from rolesmith/never-pushed (422): the branch does not exist in acme/catalogue; push it first',
    );
    expect(error.exitCode).toBe(2);
  });

  it('names a missing base branch', async () => {
    await push('rolesmith/other', 'roles/other.yaml', 'x\n');

    const error = await failure(
      openOrUpdatePull(bot, {
        ...target,
        head: 'rolesmith/other',
        base: 'release',
        title: 't',
        body: 'b',
      }),
    );

    expect(error.message).toContain('the base branch does not exist');
  });

  it('stops with a clear error for a read-only token (403)', async () => {
    await push('rolesmith/reader', 'roles/reader.yaml', 'r\n');

    const error = await failure(
      openOrUpdatePull(clientFor(READER_TOKEN), {
        ...target,
        head: 'rolesmith/reader',
        base: 'main',
        title: 't',
        body: 'b',
      }),
    );

    expect(error.message).toBe(
      'GitHub refused POST /repos/acme/catalogue/pulls (403): the token may not do this: Resource not accessible by personal access token',
    );
    expect(error.expected).toContain('write pull requests and issues');
    expect(error.describe()).not.toContain(READER_TOKEN);
  });

  it('says who cannot be asked to review', async () => {
    const error = await failure(
      openOrUpdatePull(bot, {
        ...target,
        head: 'rolesmith/payroll',
        base: 'main',
        title: 'Propose roles payroll-clerk and payroll-admin',
        body: 'Two roles now.',
        reviewers: { users: ['mallory'], teams: ['elsewhere'] },
      }),
    );

    expect(error.message).toBe(
      'GitHub rejected POST /repos/acme/catalogue/pulls/1/requested_reviewers (422): review was requested from someone who is not a collaborator on acme/catalogue or a team without access to it (mallory, team elsewhere)',
    );
  });
});

describe('superseded proposals', () => {
  it('lists open proposals by branch prefix and closes one with a note', async () => {
    await push('rolesmith/payroll-v2', 'roles/payroll.yaml', 'c\n');
    const newer = await openOrUpdatePull(bot, {
      ...target,
      head: 'rolesmith/payroll-v2',
      base: 'main',
      title: 'Propose payroll roles, second take',
      body: 'Replaces the first.',
    });

    const open = await listOpenProposals(bot, {
      ...target,
      headPrefix: 'rolesmith/payroll',
    });
    expect(open.map((p) => p.head)).toEqual([
      'rolesmith/payroll',
      'rolesmith/payroll-v2',
    ]);
    const older = open[0]!;

    const closed = await closePull(bot, {
      ...target,
      number: older.number,
      comment: `Superseded by #${newer.number}.`,
    });
    const again = await closePull(bot, {
      ...target,
      number: older.number,
      comment: `Superseded by #${newer.number}.`,
    });

    expect(closed).toEqual({ number: older.number, closed: true });
    expect(again).toEqual({ number: older.number, closed: false });
    const { data } = await look().rest.pulls.get({
      ...target,
      pull_number: older.number,
    });
    expect(data.state).toBe('closed');
    expect(data.closed_at).toEqual(expect.any(String));
    const notes = await look().rest.issues.listComments({
      ...target,
      issue_number: older.number,
    });
    expect(notes.data.map((c) => c.body)).toEqual([
      `Superseded by #${newer.number}.`,
    ]);
    expect(
      (await listOpenProposals(bot, { ...target, headPrefix: 'rolesmith/' }))
        .map((p) => p.head)
        .includes('rolesmith/payroll'),
    ).toBe(false);
  });
});

describe('upsertStickyComment', () => {
  it('keeps one comment, edited in place, over three runs', async () => {
    const { number } = (await findOpenPull(bot, {
      ...target,
      head: 'rolesmith/payroll-v2',
      base: 'main',
    }))!;
    // Someone else quoting the marker does not make the comment theirs.
    await clientFor(BOB_TOKEN).rest.issues.createComment({
      ...target,
      issue_number: number,
      body: 'Quoting <!-- rolesmith:check --> here.',
    });

    const runs = [];
    for (const body of ['check: 2 errors', 'check: 1 error', 'check: clean']) {
      runs.push(
        await upsertStickyComment(bot, {
          ...target,
          number,
          marker: 'check',
          body,
        }),
      );
    }

    expect(runs.map((r) => r.created)).toEqual([true, false, false]);
    expect(new Set(runs.map((r) => r.id)).size).toBe(1);
    const { data } = await look().rest.issues.listComments({
      ...target,
      issue_number: number,
    });
    const ours = data.filter((c) => c.user?.login === 'rolesmith-bot');
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toBe('<!-- rolesmith:check -->\ncheck: clean');
    expect(data.find((c) => c.user?.login === 'bob')?.body).toBe(
      'Quoting <!-- rolesmith:check --> here.',
    );
  });

  it('does not write an unchanged comment again', async () => {
    const { number } = (await findOpenPull(bot, {
      ...target,
      head: 'rolesmith/payroll-v2',
      base: 'main',
    }))!;
    const mark = standin.requests.length;

    const same = await upsertStickyComment(bot, {
      ...target,
      number,
      marker: 'check',
      body: 'check: clean',
    });

    expect(same.created).toBe(false);
    expect(writes(mark)).toEqual([]);
  });

  it('finds its comment as a bot when the token cannot read /user', async () => {
    const { number } = (await findOpenPull(bot, {
      ...target,
      head: 'rolesmith/payroll-v2',
      base: 'main',
    }))!;
    const actions = clientFor(ACTIONS_TOKEN);
    standin.injectFault({
      kind: 'forbidden',
      message: 'Resource not accessible by integration',
      operationId: 'users/get-authenticated',
      times: 2,
    });

    const first = await upsertStickyComment(actions, {
      ...target,
      number,
      marker: 'impact',
      body: 'impact: +3',
    });
    const second = await upsertStickyComment(actions, {
      ...target,
      number,
      marker: 'impact',
      body: 'impact: +4',
    });

    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.id).toBe(first.id);
  });

  it('refuses a marker that could break out of the HTML comment', async () => {
    const error = await failure(
      upsertStickyComment(bot, {
        ...target,
        number: 1,
        marker: 'x -->',
        body: 'b',
      }),
    );

    expect(error.code).toBe('internal');
  });
});

describe('faults', () => {
  it('retries a 502 and then succeeds', async () => {
    await push('rolesmith/retry', 'roles/retry.yaml', 'r\n');
    standin.injectFault({
      kind: 'server-error',
      status: 502,
      times: 2,
      operationId: 'pulls/create',
    });

    const opened = await openOrUpdatePull(bot, {
      ...target,
      head: 'rolesmith/retry',
      base: 'main',
      title: 'Retry',
      body: 'b',
    });

    expect(opened.created).toBe(true);
    expect(
      standin.requests
        .filter((r) => r.operationId === 'pulls/create')
        .slice(-3)
        .map((r) => r.status),
    ).toEqual([502, 502, 201]);
  });

  it('waits out a rate limit through the throttling plugin', async () => {
    standin.injectFault({ kind: 'rate-limit', operationId: 'pulls/list' });
    standin.injectFault({
      kind: 'secondary-rate-limit',
      status: 429,
      operationId: 'issues/create-comment',
    });
    const before = logger.records.length;

    const found = await findOpenPull(bot, {
      ...target,
      head: 'rolesmith/retry',
      base: 'main',
    });
    const made = await upsertStickyComment(bot, {
      ...target,
      number: found!.number,
      marker: 'check',
      body: 'ok',
    });

    expect(made.created).toBe(true);
    expect(
      logger.records
        .slice(before)
        .filter((r) => r.message === 'GitHub rate limit reached'),
    ).toHaveLength(2);
  });

  it.each([
    {
      name: 'a rate limit that outlasts the retries',
      fault: { kind: 'rate-limit', times: 4 } as const,
      message:
        /^GitHub rate limit exhausted on GET \/repos\/acme\/catalogue\/pulls\?state=open&head=acme:rolesmith\/retry&base=main; it is blocked until /,
    },
    {
      name: 'a secondary rate limit that outlasts the retries',
      fault: { kind: 'secondary-rate-limit', times: 4 } as const,
      message:
        /^GitHub's secondary rate limit kept refusing GET \/repos\/acme\/catalogue\/pulls.* \(403\) after retries/,
    },
    {
      name: 'server errors that outlast the retries',
      fault: { kind: 'server-error', status: 503, times: 4 } as const,
      message:
        /^GitHub kept failing on GET \/repos\/acme\/catalogue\/pulls.* \(503\) after retries/,
    },
    {
      name: 'a token GitHub no longer accepts',
      fault: { kind: 'unauthorized' } as const,
      message:
        /^GitHub authentication failed \(401 on GET \/repos\/acme\/catalogue\/pulls/,
    },
  ])('stops with a clear error for $name', async ({ fault, message }) => {
    standin.injectFault({ ...fault, operationId: 'pulls/list' });

    const error = await failure(
      findOpenPull(bot, { ...target, head: 'rolesmith/retry', base: 'main' }),
    );

    expect(error.message).toMatch(message);
    expect(error.describe()).not.toContain(BOT_TOKEN);
  });
});

describe('the stand-in refuses pull requests as GitHub does', () => {
  const create = (head: string, base = 'main') =>
    look().rest.pulls.create({ ...target, head, base, title: 't' });

  it.each([
    {
      name: 'a head that was never pushed',
      head: 'nowhere',
      errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }],
    },
    {
      name: 'a second pull request for the same head and base',
      head: 'rolesmith/retry',
      errors: [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: 'A pull request already exists for acme:rolesmith/retry.',
        },
      ],
    },
    {
      name: 'a head equal to the base',
      head: 'main',
      errors: [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: 'No commits between main and main',
        },
      ],
    },
  ])('answers 422 for $name', async ({ head, errors }) => {
    await expect(create(head)).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Validation Failed', errors } },
    });
  });

  it('lists every pull request for a head filter without an owner', async () => {
    const loose = await look().rest.pulls.list({
      ...target,
      head: 'rolesmith/retry',
    });
    const owned = await look().rest.pulls.list({
      ...target,
      head: 'acme:rolesmith/retry',
    });

    expect(loose.data.length).toBeGreaterThan(1);
    expect(owned.data.map((p) => p.head.ref)).toEqual(['rolesmith/retry']);
  });

  it('reads branches from the git repository', async () => {
    const sha = (await work.git('rev-parse', 'main')).trim();

    const ref = await look().rest.git.getRef({ ...target, ref: 'heads/main' });

    expect(ref.data.object).toMatchObject({ type: 'commit', sha });
    await expect(
      look().rest.git.getRef({ ...target, ref: 'heads/nowhere' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('describes the repository', async () => {
    const { data } = await look().rest.repos.get(target);

    expect(data).toMatchObject({
      full_name: 'acme/catalogue',
      default_branch: 'main',
      permissions: { push: true, admin: false },
    });
  });
});

describe('the stand-in updates pull requests as GitHub does', () => {
  const update = (
    pull_number: number,
    change: { state?: 'open' | 'closed'; base?: string },
  ) => look().rest.pulls.update({ ...target, pull_number, ...change });

  it('reopens a pull request only while no other is open for its head', async () => {
    await push('rolesmith/reopen', 'roles/reopen.yaml', 'o\n');
    const open = () =>
      look().rest.pulls.create({
        ...target,
        head: 'rolesmith/reopen',
        base: 'main',
        title: 'Reopen me',
      });
    const first = (await open()).data.number;
    await update(first, { state: 'closed' });
    const second = (await open()).data.number;

    await expect(update(first, { state: 'open' })).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          errors: [
            {
              message:
                'A pull request already exists for acme:rolesmith/reopen.',
            },
          ],
        },
      },
    });
    await update(second, { state: 'closed' });
    const reopened = await update(first, { state: 'open' });

    expect(reopened.data).toMatchObject({ state: 'open', closed_at: null });
  });

  it('refuses a base branch that does not exist', async () => {
    const { number } = (await findOpenPull(bot, {
      ...target,
      head: 'rolesmith/reopen',
      base: 'main',
    }))!;

    await expect(update(number, { base: 'nowhere' })).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          errors: [
            {
              field: 'base',
              code: 'invalid',
              message: "Proposed base branch 'nowhere' was not found",
            },
          ],
        },
      },
    });
  });

  it('adds, matches and removes labels regardless of case', async () => {
    const { number } = (await findOpenPull(bot, {
      ...target,
      head: 'rolesmith/reopen',
      base: 'main',
    }))!;
    const issue = { ...target, issue_number: number };

    await look().rest.issues.addLabels({ ...issue, labels: ['HUMAN', 'x'] });
    const left = await look().rest.issues.removeLabel({ ...issue, name: 'X' });

    expect(left.data.map((l) => l.name)).toEqual(['human']);
    await expect(
      look().rest.issues.removeLabel({ ...issue, name: 'missing' }),
    ).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'Label does not exist' } },
    });
  });

  it('lets authors and writers edit comments, and nobody else', async () => {
    const { number } = (await findOpenPull(bot, {
      ...target,
      head: 'rolesmith/reopen',
      base: 'main',
    }))!;
    const issue = { ...target, issue_number: number };
    const carols = await look(CAROL_TOKEN).rest.issues.createComment({
      ...issue,
      body: 'From an outside collaborator.',
    });
    const bots = await look().rest.issues.createComment({
      ...issue,
      body: 'From the bot.',
    });
    const edit = (token: string, comment_id: number) =>
      look(token).rest.issues.updateComment({
        ...target,
        comment_id,
        body: 'edited',
      });

    await edit(CAROL_TOKEN, carols.data.id);
    await edit(BOB_TOKEN, carols.data.id);
    await expect(edit(CAROL_TOKEN, bots.data.id)).rejects.toMatchObject({
      status: 403,
    });
    const read = await look().rest.issues.getComment({
      ...target,
      comment_id: carols.data.id,
    });
    expect(read.data).toMatchObject({
      body: 'edited',
      user: { login: 'carol' },
      author_association: 'COLLABORATOR',
    });
    await expect(
      look(READER_TOKEN).rest.issues.createComment({ ...issue, body: 'hi' }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('hides a private repository from a user without access', async () => {
    await expect(
      look(MALLORY_TOKEN).rest.repos.get(target),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      look().rest.pulls.get({ ...target, pull_number: 999 }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      look().rest.issues.listComments({ ...target, issue_number: 999 }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('answers the token user on GET /user', async () => {
    const [me, carol] = await Promise.all([
      look().rest.users.getAuthenticated(),
      look(CAROL_TOKEN).rest.users.getAuthenticated(),
    ]);

    expect([me.data.login, carol.data.login]).toEqual([
      'rolesmith-bot',
      'carol',
    ]);
  });
});
