import { readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GithubStandin } from './github-standin/index.ts';
import { startGithubStandin } from './github-standin/index.ts';
import type { GitServer } from './helpers/git-server.ts';
import { startGitServer } from './helpers/git-server.ts';
import { runRolesmith } from './helpers/run-cli.ts';
import { cloneFromServer } from './helpers/server-clone.ts';
import type { TempRepo } from './helpers/temp-repo.ts';

// One token for git over HTTP and for the API, as on GitHub.
const TOKEN = 'ghp_e2etoken000000000000000000000000000000';
const REPO = 'acme/catalogue';
const REPO_ROOT = join(import.meta.dirname, '..');

let server: GitServer;
let standin: GithubStandin;
let clone: TempRepo;

/** The example catalogue's roles and policies, as the repository's seed. */
async function exampleCatalogue(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const dir of ['roles', 'policies']) {
    const entries = await readdir(join(REPO_ROOT, dir), {
      recursive: true,
      withFileTypes: true,
    });
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      files[path.slice(REPO_ROOT.length + 1)] = await readFile(path, 'utf8');
    }
  }
  return files;
}

/** AP clerks and payroll administrators with recent use; one drop option. */
function inventory(drop?: string): Record<string, string> {
  const identities = ['id,kind,department,title,owner'];
  const assignments = ['identity,entitlement,granted_at,last_used_at'];
  const add = (i: string, e: string) => {
    if (`${i} ${e}` !== drop) {
      assignments.push(`${i},${e},2026-01-05T00:00:00Z,2026-11-20T00:00:00Z`);
    }
  };
  for (let n = 1; n <= 6; n++) {
    identities.push(`f${n},human,Finance,Accounts Payable Clerk,`);
    for (const e of ['sap:FB60', 'sap:FBL1N']) add(`f${n}`, e);
  }
  for (let n = 1; n <= 5; n++) {
    identities.push(`h${n},human,HR,Payroll Administrator,`);
    for (const e of ['sap:PA30', 'sap:PA20']) add(`h${n}`, e);
  }
  return {
    'hr/identities.csv': `${identities.join('\n')}\n`,
    'hr/assignments.csv': `${assignments.join('\n')}\n`,
  };
}

async function write(files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(clone.dir, path)), { recursive: true });
    await writeFile(join(clone.dir, path), content);
  }
}

const env = () => ({
  GITHUB_TOKEN: TOKEN,
  GITHUB_API_URL: standin.baseUrl,
  ROLESMITH_GITHUB_WRITE_SPACING_MS: '0',
  ROLESMITH_GITHUB_RETRY_UNIT_MS: '1',
});

const run = (...argv: string[]) => runRolesmith(argv, clone.dir, env());

const mine = () =>
  run(
    'mine',
    'hr',
    '--policies',
    'policies',
    '--write',
    'roles',
    '--owner',
    '@acme/iam-team',
    '--owner',
    '@alice',
  );

const pulls = () =>
  standin.world.orgs.get('acme')?.repos.find((r) => r.name === 'catalogue')
    ?.pulls ?? [];
const comments = () =>
  standin.world.orgs.get('acme')?.repos.find((r) => r.name === 'catalogue')
    ?.comments ?? [];

interface ProposeJson {
  proposals: {
    branch: string;
    url: string;
    pullRequest: string;
    roles: string[];
  }[];
  closed: string[];
}

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await server.createRepo(REPO, { seed: await exampleCatalogue() });
  standin = await startGithubStandin({
    token: TOKEN,
    login: 'rolesmith-bot',
    world: {
      orgs: [
        {
          login: 'acme',
          members: { alice: 'member', 'rolesmith-bot': 'member' },
          teams: [
            {
              slug: 'iam-team',
              members: ['alice'],
              repos: { catalogue: 'push' },
            },
          ],
          repos: [
            {
              name: 'catalogue',
              gitDir: server.repoPath(REPO),
              collaborators: { 'rolesmith-bot': 'push', alice: 'push' },
            },
          ],
        },
      ],
    },
  });
  clone = await cloneFromServer(server, REPO, TOKEN);
}, 60_000);

afterAll(async () => {
  await standin.close();
  await server.close();
  await clone.remove();
});

describe('rolesmith propose, end to end', () => {
  let hrNumber = 0;

  it('proposes mined roles as pull requests with labels, reviewers and body', async () => {
    await write(inventory());
    expect((await mine()).code).toBe(0);

    const result = await run('propose', '--repo', REPO, '--format', 'json');

    expect(result.stderr).not.toContain(TOKEN);
    expect(result.stdout).not.toContain(TOKEN);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as ProposeJson;
    expect(json.proposals.map((p) => [p.branch, p.pullRequest])).toEqual([
      ['rolesmith/roles-finance', 'created'],
      ['rolesmith/roles-hr', 'created'],
    ]);
    const hr = pulls().find((p) => p.head === 'rolesmith/roles-hr');
    expect(hr).toBeDefined();
    hrNumber = hr?.number ?? 0;
    expect(hr?.labels.sort()).toEqual(['access:human', 'rolesmith']);
    expect(hr?.requestedTeams).toEqual(['iam-team']);
    expect(hr?.requestedReviewers).toEqual(['alice']);
    expect(hr?.body).toContain('5 people; all 5 have department HR.');
    expect(hr?.body).toContain('<summary>Evidence</summary>');
    expect(hr?.body).toContain('## Access impact: origin/main');
    expect(hr?.body).toContain('rolesmith check');
    // The branch really is on the git server, with the trailers.
    const head = await server.branchHead(REPO, 'rolesmith/roles-hr');
    expect(hr?.headSha).toBe(head);
    const log = await clone.git(
      'log',
      '-1',
      '--format=%B',
      'rolesmith/roles-hr',
    );
    expect(log).toContain('Rolesmith-Roles: hr');
    expect(log).toMatch(/Rolesmith-Sources: hr\/assignments\.csv [0-9a-f]{64}/);
    standin.assertNoViolations();
  });

  it('updates the same pull request when the data changes', async () => {
    const before = await server.branchHead(REPO, 'rolesmith/roles-hr');
    await write(inventory('h5 sap:PA20'));
    expect((await mine()).code).toBe(0);

    const result = await run('propose', '--repo', REPO, '--format', 'json');

    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as ProposeJson;
    expect(
      json.proposals.find((p) => p.branch === 'rolesmith/roles-hr')
        ?.pullRequest,
    ).toBe('updated');
    expect(pulls().filter((p) => p.state === 'open')).toHaveLength(2);
    const hr = pulls().find((p) => p.number === hrNumber);
    expect(hr?.body).toContain('4 people; all 4 have department HR.');
    expect(await server.branchHead(REPO, 'rolesmith/roles-hr')).not.toBe(
      before,
    );
    standin.assertNoViolations();
  });

  it('keeps one sticky check comment, edited on every push', async () => {
    const comment = () =>
      run(
        'comment',
        '--base',
        'origin/main',
        '--repo',
        REPO,
        '--pr',
        String(hrNumber),
      );

    expect((await comment()).code).toBe(0);
    const first = comments().filter((c) => c.issue === hrNumber);
    // The world's comment objects are edited in place: keep the text.
    const firstBody = first[0]?.body;
    await rm(join(clone.dir, 'roles/finance/finance.yaml'));
    expect((await comment()).code).toBe(0);

    const after = comments().filter((c) => c.issue === hrNumber);
    expect(first).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(first[0]?.id);
    expect(after[0]?.body).toContain('<!-- rolesmith:check -->');
    expect(after[0]?.body).not.toBe(firstBody);
    expect(firstBody).toContain('finance');
    standin.assertNoViolations();
  });

  it('closes the proposals a per-role proposal supersedes', async () => {
    await write(inventory('h5 sap:PA20'));
    expect((await mine()).code).toBe(0);

    const result = await run(
      'propose',
      '--repo',
      REPO,
      '--per',
      'role',
      '--format',
      'json',
    );

    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as ProposeJson;
    expect(json.closed).toHaveLength(2);
    const open = pulls().filter((p) => p.state === 'open');
    expect(open.map((p) => p.head).sort()).toEqual([
      'rolesmith/role-finance',
      'rolesmith/role-hr',
    ]);
    standin.assertNoViolations();
  });

  it('refuses a bad token with a clear message and keeps the work', async () => {
    const result = await runRolesmith(['propose', '--repo', REPO], clone.dir, {
      ...env(),
      GITHUB_TOKEN: 'ghp_wrong000000000000000000000000000000000',
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/authenticat|401|token/i);
    expect(result.stderr).not.toContain('ghp_wrong');
    const files = await clone.git('status', '--porcelain');
    expect(files).toContain('roles/hr/');
    standin.takeViolations();
  });
});
