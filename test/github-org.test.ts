import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isRolesmithError } from '../src/errors.ts';
import type { RolesmithError } from '../src/errors.ts';
import { resolveGithubToken } from '../src/gitops/github-client.ts';
import { readConcurrency } from '../src/gitops/github-org-concurrency.ts';
import { createGithubOrgSource } from '../src/gitops/github-org-source.ts';
import type {
  GithubOrgSource,
  Listing,
} from '../src/inventory/github/github-org.ts';
import { readGithubOrg } from '../src/inventory/github/github-org.ts';
import { createMemoryLogger, silentLogger } from '../src/logger.ts';
import type { Assignment, Inventory } from '../src/model/index.ts';
import type {
  GithubStandin,
  HandlerContext,
  WorldSpec,
} from './github-standin/index.ts';
import { startGithubStandin } from './github-standin/index.ts';
import { largeOrgWorld } from './github-standin/large-org.ts';
import { notFound } from './github-standin/handler.ts';
import { orgHandlers } from './github-standin/org-handlers.ts';

const WORLD: WorldSpec = {
  users: [{ login: 'alice', name: 'Alice Adams', email: 'alice@acme.test' }],
  orgs: [
    {
      login: 'acme',
      members: {
        alice: 'admin',
        bob: 'member',
        dana: 'member',
        erin: 'member',
      },
      outsideCollaborators: ['carol'],
      teams: [
        {
          slug: 'platform',
          name: 'Platform',
          description: 'Runs the platform',
          members: ['bob'],
          repos: { api: 'admin', web: 'push' },
        },
        {
          slug: 'oncall',
          parent: 'platform',
          members: ['dana'],
          repos: { ops: 'maintain' },
        },
        { slug: 'readers', members: ['bob', 'erin'], repos: { web: 'pull' } },
      ],
      repos: [
        { name: 'api', collaborators: { carol: 'push', bob: 'triage' } },
        { name: 'web', private: false, collaborators: { carol: 'pull' } },
        {
          name: 'ops',
          deployKeys: [
            {
              id: 7001,
              title: 'ci deploy',
              readOnly: false,
              addedBy: 'alice',
              lastUsed: '2025-05-01T12:00:00Z',
            },
            { id: 7002, title: 'backup', readOnly: true, enabled: false },
          ],
        },
      ],
      installations: [
        {
          id: 9001,
          appId: 801,
          appSlug: 'renovate',
          permissions: {
            contents: 'write',
            pull_requests: 'write',
            metadata: 'read',
          },
        },
        {
          id: 9002,
          appId: 802,
          appSlug: 'security-scanner',
          permissions: {
            security_events: 'write',
            administration: 'write',
            metadata: 'read',
          },
          repositorySelection: 'selected',
          suspendedAt: '2025-02-01T00:00:00Z',
        },
      ],
    },
  ],
};

const SECRET = 'ghp_doNotLeakThisToken0123456789abcdefXYZ';

let standin: GithubStandin;

beforeAll(async () => {
  standin = await startGithubStandin({ world: WORLD });
});

afterEach(() => {
  standin.assertNoViolations();
});

afterAll(async () => {
  await standin.close();
});

function read(
  options: {
    baseUrl?: string;
    token?: string;
    org?: string;
    concurrency?: number;
  } = {},
) {
  const logger = createMemoryLogger();
  const org = options.org ?? 'acme';
  const source = createGithubOrgSource({
    org,
    logger,
    baseUrl: options.baseUrl ?? standin.baseUrl,
    token: options.token ?? standin.token,
    retryUnitMs: 1,
    ...(options.concurrency !== undefined && {
      concurrency: options.concurrency,
    }),
  });
  const result = readGithubOrg(org, {
    logger,
    onBadRecord: 'stop',
    source,
    label: 'github:acme',
  });
  return { logger, result };
}

const tuple = (a: Assignment) =>
  `${a.identity} > ${a.entitlement} (${a.source ?? ''})`;

async function failure(promise: Promise<unknown>): Promise<RolesmithError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isRolesmithError(error))
    throw new Error(`expected a RolesmithError, got ${String(error)}`);
  return error;
}

describe('readGithubOrg through Octokit and the stand-in', () => {
  let inventory: Inventory;
  let logger: ReturnType<typeof createMemoryLogger>;

  beforeAll(async () => {
    const run = read();
    logger = run.logger;
    const result = await run.result;
    expect(result.skipped).toEqual([]);
    inventory = result.inventory;
  });

  it('maps people, apps and deploy keys to identities', () => {
    const provenance = (path: string) => [
      { source: 'github', file: 'github:acme', path },
    ];

    expect(inventory.identities).toEqual(
      [
        {
          id: 'github:app/renovate',
          kind: 'bot',
          name: 'renovate',
          status: 'active',
          attributes: {
            installation_id: '9001',
            app_id: '801',
            repository_selection: 'all',
          },
          provenance: provenance('/orgs/acme/installations'),
        },
        {
          id: 'github:app/security-scanner',
          kind: 'bot',
          name: 'security-scanner',
          status: 'suspended',
          attributes: {
            installation_id: '9002',
            app_id: '802',
            repository_selection: 'selected',
          },
          provenance: provenance('/orgs/acme/installations'),
        },
        {
          id: 'github:deploy-key/ops/7001',
          kind: 'api-key',
          name: 'ci deploy',
          status: 'active',
          owner: 'github:user/alice',
          attributes: { repository: 'acme/ops', read_only: 'false' },
          provenance: provenance('/repos/acme/ops/keys'),
        },
        {
          id: 'github:deploy-key/ops/7002',
          kind: 'api-key',
          name: 'backup',
          status: 'disabled',
          attributes: { repository: 'acme/ops', read_only: 'true' },
          provenance: provenance('/repos/acme/ops/keys'),
        },
        {
          id: 'github:user/alice',
          kind: 'human',
          name: 'Alice Adams',
          email: 'alice@acme.test',
          status: 'active',
          attributes: { org_role: 'admin' },
          provenance: provenance('/orgs/acme/members?role=admin'),
        },
        ...['bob', 'dana', 'erin'].map((login) => ({
          id: `github:user/${login}`,
          kind: 'human',
          status: 'active',
          attributes: { org_role: 'member' },
          provenance: provenance('/orgs/acme/members?role=member'),
        })),
        {
          id: 'github:user/carol',
          kind: 'human',
          status: 'active',
          attributes: { outside_collaborator: 'true' },
          provenance: provenance('/orgs/acme/outside_collaborators'),
        },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
  });

  it('maps ownership, teams, repository roles and app permissions to entitlements', () => {
    expect(
      inventory.entitlements.map((e) => `${e.id} ${e.risk ?? ''}`),
    ).toEqual([
      'github:acme/api:admin high',
      'github:acme/api:triage low',
      'github:acme/api:write medium',
      'github:acme/ops:maintain medium',
      'github:acme/ops:read low',
      'github:acme/ops:write medium',
      'github:acme/web:read low',
      'github:acme/web:write medium',
      'github:acme:app-permission/administration:write high',
      'github:acme:app-permission/contents:write medium',
      'github:acme:app-permission/metadata:read low',
      'github:acme:app-permission/pull_requests:write medium',
      'github:acme:app-permission/security_events:write medium',
      'github:acme:owner critical',
      'github:acme:team/oncall medium',
      'github:acme:team/platform high',
      'github:acme:team/readers low',
    ]);
    expect(
      inventory.entitlements.find((e) => e.id === 'github:acme:team/platform'),
    ).toEqual({
      id: 'github:acme:team/platform',
      system: 'github',
      name: 'Platform',
      description: 'Runs the platform',
      risk: 'high',
      provenance: [
        {
          source: 'github',
          file: 'github:acme',
          path: '/orgs/acme/teams/platform/members',
        },
      ],
    });
  });

  it('assigns direct, team and inherited access', () => {
    expect(inventory.assignments.map(tuple)).toEqual([
      'github:app/renovate > github:acme:app-permission/contents:write (direct)',
      'github:app/renovate > github:acme:app-permission/metadata:read (direct)',
      'github:app/renovate > github:acme:app-permission/pull_requests:write (direct)',
      'github:app/security-scanner > github:acme:app-permission/administration:write (direct)',
      'github:app/security-scanner > github:acme:app-permission/metadata:read (direct)',
      'github:app/security-scanner > github:acme:app-permission/security_events:write (direct)',
      'github:deploy-key/ops/7001 > github:acme/ops:write (direct)',
      'github:deploy-key/ops/7002 > github:acme/ops:read (direct)',
      'github:user/alice > github:acme:owner (direct)',
      'github:user/bob > github:acme/api:admin (group)',
      'github:user/bob > github:acme/api:triage (direct)',
      'github:user/bob > github:acme/web:read (group)',
      'github:user/bob > github:acme/web:write (group)',
      'github:user/bob > github:acme:team/platform (direct)',
      'github:user/bob > github:acme:team/readers (direct)',
      'github:user/carol > github:acme/api:write (direct)',
      'github:user/carol > github:acme/web:read (direct)',
      'github:user/dana > github:acme/api:admin (group)',
      'github:user/dana > github:acme/ops:maintain (group)',
      'github:user/dana > github:acme/web:write (group)',
      'github:user/dana > github:acme:team/oncall (direct)',
      'github:user/dana > github:acme:team/platform (group)',
      'github:user/erin > github:acme/web:read (group)',
      'github:user/erin > github:acme:team/readers (direct)',
    ]);
  });

  it('keeps when a deploy key was added and last used, and where access came from', () => {
    const key = inventory.assignments.find(
      (a) => a.identity === 'github:deploy-key/ops/7001',
    );
    const viaTeam = inventory.assignments.find(
      (a) =>
        a.identity === 'github:user/dana' &&
        a.entitlement === 'github:acme/api:admin',
    );

    expect(key).toEqual({
      identity: 'github:deploy-key/ops/7001',
      entitlement: 'github:acme/ops:write',
      grantedAt: '2024-01-15T09:30:00Z',
      lastUsedAt: '2025-05-01T12:00:00Z',
      source: 'direct',
      provenance: {
        source: 'github',
        file: 'github:acme',
        path: '/repos/acme/ops/keys',
      },
    });
    expect(viaTeam?.provenance?.path).toBe('/orgs/acme/teams/platform/repos');
  });

  it('records one digest that a second read reproduces', async () => {
    const again = await read().result;

    expect(inventory.sources).toHaveLength(1);
    expect(inventory.sources[0]?.file).toBe('github:acme');
    expect(inventory.sources[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(again.inventory).toEqual(inventory);
  });

  it('reports progress while reading teams and repositories', () => {
    const steps = logger.records
      .filter((r) => r.level === 'progress')
      .map((r) => r.message);

    expect(steps).toContain('reading GitHub teams');
    expect(steps).toContain('reading GitHub repositories');
    expect(steps).toContain('GET /orgs/acme/repos');
  });
});

describe('paging and GitHub Enterprise', () => {
  it('reads every page of a long list', async () => {
    const members = Object.fromEntries(
      Array.from({ length: 230 }, (_, i) => [
        `dev${String(i).padStart(3, '0')}`,
        'member' as const,
      ]),
    );
    const big = await startGithubStandin({
      world: { orgs: [{ login: 'acme', members }] },
    });
    try {
      const { result } = read({ baseUrl: big.baseUrl, token: big.token });
      const { inventory } = await result;

      expect(inventory.identities).toHaveLength(230);
      expect(
        big.requests
          .map((r) => r.path)
          .filter((p) => p.includes('role=member')),
      ).toEqual([
        '/orgs/acme/members?role=member&per_page=100',
        '/orgs/acme/members?role=member&per_page=100&page=2',
        '/orgs/acme/members?role=member&per_page=100&page=3',
      ]);
      big.assertNoViolations();
    } finally {
      await big.close();
    }
  });

  it('reads through a base URL with the /api/v3 prefix', async () => {
    const ghes = await startGithubStandin({
      world: WORLD,
      pathPrefix: '/api/v3',
    });
    try {
      const { inventory } = await read({
        baseUrl: ghes.baseUrl,
        token: ghes.token,
      }).result;

      expect(ghes.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
      expect(inventory.assignments).toHaveLength(24);
      ghes.assertNoViolations();
    } finally {
      await ghes.close();
    }
  });
});

describe('faults', () => {
  const attempts = (operationId: string) =>
    standin.requests
      .filter((r) => r.operationId === operationId)
      .map((r) => r.status);

  afterEach(() => {
    standin.clearRequests();
  });

  it('fails with a forge error, exit 2, when the token is refused, and never shows the token', async () => {
    const { logger, result } = read({ token: SECRET });
    const error = await failure(result);

    expect(error.code).toBe('forge');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      'GitHub authentication failed (401 on GET /orgs/acme/members?role=admin)',
    );
    expect(error.expected).toBe(
      'a token with the read:org and repo scopes in GITHUB_TOKEN',
    );
    const everything = [
      error.message,
      error.describe(),
      String(error.cause),
      JSON.stringify(error),
      JSON.stringify(logger.records),
    ].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(SECRET.slice(4));
  });

  it('names the endpoint when the token lacks a permission', async () => {
    standin.injectFault({
      kind: 'forbidden',
      operationId: 'orgs/list-outside-collaborators',
    });

    const error = await failure(read().result);

    expect(error.message).toBe(
      'GitHub refused GET /orgs/acme/outside_collaborators (403): the token lacks the permission this endpoint needs: Resource not accessible by personal access token',
    );
    expect(error.exitCode).toBe(2);
    expect(attempts('orgs/list-outside-collaborators')).toEqual([403]);
  });

  it('waits out a primary rate limit through the throttling plugin', async () => {
    standin.injectFault({ kind: 'rate-limit', operationId: 'teams/list' });

    const { logger, result } = read();
    const { inventory } = await result;

    expect(inventory.assignments).toHaveLength(24);
    expect(attempts('teams/list')).toEqual([403, 200]);
    expect(logger.records).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'GitHub rate limit reached',
      }),
    );
  });

  it('waits out a secondary rate limit', async () => {
    standin.injectFault({
      kind: 'secondary-rate-limit',
      operationId: 'orgs/list-app-installations',
    });

    await read().result;

    expect(attempts('orgs/list-app-installations')).toEqual([403, 200]);
  });

  it('gives up on a rate limit that does not lift, naming the reset time', async () => {
    standin.injectFault({
      kind: 'rate-limit',
      times: 10,
      operationId: 'repos/list-for-org',
    });

    const error = await failure(read().result);

    expect(error.message).toMatch(
      /^GitHub rate limit exhausted on GET \/orgs\/acme\/repos; it is blocked until \d{4}-\d\d-\d\dT/,
    );
    expect(attempts('repos/list-for-org')).toEqual([403, 403, 403, 403]);
  });

  it('retries server errors through the retry plugin', async () => {
    standin.injectFault({
      kind: 'server-error',
      status: 502,
      times: 2,
      operationId: 'repos/list-deploy-keys',
    });

    const { inventory } = await read().result;

    expect(inventory.assignments).toHaveLength(24);
    expect(attempts('repos/list-deploy-keys').slice(0, 3)).toEqual([
      502, 502, 200,
    ]);
  });

  it('gives up on lasting server errors with a clear message', async () => {
    standin.injectFault({
      kind: 'server-error',
      status: 503,
      times: 10,
      operationId: 'teams/list',
    });

    const error = await failure(read().result);

    expect(error.message).toBe(
      'GitHub kept failing on GET /orgs/acme/teams (503) after retries: Server Error',
    );
    expect(attempts('teams/list')).toEqual([503, 503, 503, 503]);
  });

  it('retries a dropped connection', async () => {
    standin.injectFault({ kind: 'network', operationId: 'orgs/list-members' });

    const { inventory } = await read().result;

    expect(inventory.assignments).toHaveLength(24);
    expect(attempts('orgs/list-members').slice(0, 2)).toEqual([0, 200]);
  });

  it('says so when GitHub cannot be reached', async () => {
    const gone = await startGithubStandin({ world: WORLD });
    await gone.close();

    const error = await failure(
      read({ baseUrl: gone.baseUrl, token: SECRET }).result,
    );

    expect(error.message).toMatch(
      /^could not reach GitHub for GET \/orgs\/acme\/members\?role=admin: /,
    );
    expect(error.describe()).not.toContain(SECRET);
  });

  it('answers 404 for an organisation that does not exist', async () => {
    const error = await failure(read({ org: 'nobody' }).result);

    expect(error.message).toBe(
      'GitHub found nothing at GET /orgs/nobody/members?role=admin (404): the organisation or repository does not exist, or the token cannot see it',
    );
  });
});

describe('resolveGithubToken', () => {
  it.each([
    ['prefers the explicit token', 'ghp_a', { GITHUB_TOKEN: 'ghp_b' }, 'ghp_a'],
    [
      'falls back to GITHUB_TOKEN',
      undefined,
      { GITHUB_TOKEN: ' ghp_b\n' },
      'ghp_b',
    ],
  ])('%s', (_name, explicit, env, expected) => {
    expect(resolveGithubToken(explicit, env)).toBe(expected);
  });

  it.each([{}, { GITHUB_TOKEN: '  ' }])(
    'refuses to go on without a token (%j)',
    (env) => {
      const error = (() => {
        try {
          resolveGithubToken(undefined, env);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();

      expect(error).toMatchObject({
        code: 'config',
        exitCode: 2,
        message: 'no GitHub token is configured',
      });
    },
  );
});

describe('bad records from a source', () => {
  const listing = <T>(path: string, items: T[] = []): Promise<Listing<T>> =>
    Promise.resolve({ path, items });
  const source = (overrides: Partial<GithubOrgSource>): GithubOrgSource => ({
    baseUrl: 'https://api.github.com',
    listMembers: (role) => listing(`/orgs/acme/members?role=${role}`),
    listOutsideCollaborators: () => listing('/orgs/acme/outside_collaborators'),
    listTeams: () => listing('/orgs/acme/teams'),
    listTeamMembers: (slug) => listing(`/orgs/acme/teams/${slug}/members`),
    listTeamRepos: (slug) => listing(`/orgs/acme/teams/${slug}/repos`),
    listRepos: () => listing('/orgs/acme/repos', [{ name: 'api' }]),
    listRepoCollaborators: () =>
      listing('/repos/acme/api/collaborators?affiliation=direct', [
        { login: 'ann', roleName: 'security-reviewer' },
        { login: 'ben', roleName: 'push' },
        {
          login: 'renovate[bot]',
          type: 'Bot',
          permissions: { pull: true, push: true, admin: false },
        },
      ]),
    listDeployKeys: () => listing('/repos/acme/api/keys'),
    listInstallations: () =>
      listing('/orgs/acme/installations', [
        {
          id: 1,
          appSlug: 'odd',
          permissions: { contents: 'owner', metadata: 'read' },
        },
        { id: 2, appSlug: '', permissions: {} },
      ]),
    ...overrides,
  });
  const logger = createMemoryLogger();

  it('stops at the first bad record with where it was and what was expected', async () => {
    const run = readGithubOrg('acme', {
      logger,
      onBadRecord: 'stop',
      source: source({}),
    });
    const error = await failure(run);

    expect(error.code).toBe('input');
    expect(error.exitCode).toBe(2);
    expect(error.describe()).toBe(
      'https://api.github.com/orgs/acme (at /repos/acme/api/collaborators?affiliation=direct#/0): no role given for ann on api\n' +
        '  expected: a permissions object or a role_name of read, triage, write, maintain or admin',
    );
  });

  it('skips bad records, reports each one and keeps the rest', async () => {
    const { inventory, skipped } = await readGithubOrg('acme', {
      logger,
      onBadRecord: 'skip',
      source: source({
        listMembers: (role) =>
          listing(
            `/orgs/acme/members?role=${role}`,
            role === 'member' ? [{ login: '' }] : [],
          ),
      }),
    });

    expect(skipped.map((s) => `${s.path ?? ''}: ${s.message}`)).toEqual([
      '/orgs/acme/members?role=member#/0: an account without a login',
      '/repos/acme/api/collaborators?affiliation=direct#/0: no role given for ann on api',
      '/orgs/acme/installations#/0/permissions/contents: unknown level "owner" for the app permission contents',
      '/orgs/acme/installations#/1: an installation without an app slug',
    ]);
    expect(inventory.assignments.map(tuple)).toEqual([
      'github:app/odd > github:acme:app-permission/metadata:read (direct)',
      'github:user/ben > github:acme/api:write (direct)',
      'github:user/renovate[bot] > github:acme/api:write (direct)',
    ]);
    expect(inventory.identities.map((i) => `${i.id} ${i.kind}`)).toEqual([
      'github:app/odd bot',
      'github:user/ben human',
      'github:user/renovate[bot] bot',
    ]);
  });
});

describe('reading with several requests in flight', () => {
  const on = (server: GithubStandin, concurrency: number) =>
    read({ baseUrl: server.baseUrl, token: server.token, concurrency });
  const progress = (logger: ReturnType<typeof createMemoryLogger>) =>
    logger.records
      .filter((r) => r.level === 'progress' && r.message.startsWith('reading'))
      .map((r) => `${r.message} ${JSON.stringify(r.fields)}`);

  it('reads the same inventory as one request at a time, never more than the cap at once', async () => {
    // Large enough to overlap, small enough for the one-at-a-time read.
    const world = largeOrgWorld({ repos: 40, teams: 12 });
    const one = await startGithubStandin({ world });
    const many = await startGithubStandin({ world, latencyMs: 10 });
    try {
      const sequential = on(one, 1);
      const concurrent = on(many, 8);
      const [before, after] = await Promise.all([
        sequential.result,
        concurrent.result,
      ]);

      expect(after).toEqual(before);
      expect(after.inventory.assignments.length).toBeGreaterThan(300);
      expect(one.inFlight.peak).toBe(1);
      expect(many.inFlight.peak).toBeGreaterThan(1);
      expect(many.inFlight.peak).toBeLessThanOrEqual(8);
      const paths = (server: GithubStandin) =>
        server.requests.map((r) => r.path).sort();
      expect(paths(many)).toEqual(paths(one));
      // Progress counts up one team or repository at a time, in order.
      expect(progress(concurrent.logger)).toEqual(progress(sequential.logger));
      expect(progress(concurrent.logger)).toContain(
        'reading GitHub repositories {"done":40,"total":40}',
      );
      one.assertNoViolations();
      many.assertNoViolations();
    } finally {
      await Promise.all([one.close(), many.close()]);
    }
  });

  it('keeps 4 requests in flight when nothing says otherwise', async () => {
    const big = await startGithubStandin({
      world: largeOrgWorld({ repos: 20, teams: 4 }),
      latencyMs: 30,
    });
    try {
      const { result } = read({ baseUrl: big.baseUrl, token: big.token });
      await result;

      expect(
        createGithubOrgSource({ org: 'acme', logger: silentLogger, token: 't' })
          .concurrency,
      ).toBe(4);
      expect(big.inFlight.peak).toBeGreaterThan(1);
      expect(big.inFlight.peak).toBeLessThanOrEqual(4);
      big.assertNoViolations();
    } finally {
      await big.close();
    }
  });

  it('reports the failure the first failing repository gives, after the rest have landed', async () => {
    // repo-0009 fails first; repo-0003, earlier in the list, fails after.
    let ninthFailed: () => void = () => undefined;
    const ninth = new Promise<void>((done) => {
      ninthFailed = done;
    });
    const collaborators = orgHandlers['repos/list-collaborators'];
    if (collaborators === undefined) throw new Error('no handler');
    const failing = await startGithubStandin({
      world: largeOrgWorld({ repos: 30, teams: 2 }),
      handlers: {
        'repos/list-collaborators': async (context: HandlerContext) => {
          if (context.params.repo === 'repo-0009') {
            ninthFailed();
            return notFound();
          }
          if (context.params.repo === 'repo-0003') {
            await Promise.race([ninth, sleep(2000)]);
            return notFound();
          }
          return collaborators(context);
        },
      },
    });
    try {
      const error = await failure(
        read({ baseUrl: failing.baseUrl, token: failing.token, concurrency: 8 })
          .result,
      );

      expect(error.message).toBe(
        'GitHub found nothing at GET /repos/acme/repo-0003/collaborators?affiliation=direct (404): the organisation or repository does not exist, or the token cannot see it',
      );
      expect(error.exitCode).toBe(2);
      expect(failing.inFlight.current).toBe(0);
      // No repository is started once one has failed.
      const asked = failing.requests
        .map((r) => /repo-(\d+)\/collaborators/.exec(r.path)?.[1])
        .filter((n) => n !== undefined);
      expect(asked.length).toBeLessThan(30);
      failing.assertNoViolations();
    } finally {
      await failing.close();
    }
  });

  it.each([
    ['defaults to 4', undefined, {}, 4],
    ['takes the option', 8, { ROLESMITH_GITHUB_CONCURRENCY: '2' }, 8],
    [
      'falls back to ROLESMITH_GITHUB_CONCURRENCY',
      undefined,
      { ROLESMITH_GITHUB_CONCURRENCY: ' 6 ' },
      6,
    ],
  ])('%s', (_name, explicit, env, expected) => {
    expect(readConcurrency(explicit, env)).toBe(expected);
  });

  it.each(['0', '11', '2.5', 'lots'])(
    'refuses ROLESMITH_GITHUB_CONCURRENCY=%s',
    (value) => {
      expect(() =>
        readConcurrency(undefined, { ROLESMITH_GITHUB_CONCURRENCY: value }),
      ).toThrow(
        expect.objectContaining({
          code: 'config',
          exitCode: 2,
          message: `ROLESMITH_GITHUB_CONCURRENCY="${value}" is not a number of GitHub requests to keep in flight`,
          expected: 'a whole number from 1 to 10 (4 when unset)',
        }),
      );
    },
  );
});
