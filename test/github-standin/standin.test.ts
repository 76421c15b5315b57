import { Octokit } from '@octokit/rest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GithubStandin } from './index.ts';
import { startGithubStandin } from './index.ts';

let standin: GithubStandin;
let octokit: Octokit;

beforeAll(async () => {
  standin = await startGithubStandin({
    world: {
      orgs: [
        {
          login: 'acme',
          members: Object.fromEntries(
            Array.from({ length: 45 }, (_, i) => [
              `user${i}`,
              'member' as const,
            ]),
          ),
          repos: [{ name: 'api' }],
        },
      ],
    },
    handlers: {
      // Deliberately wrong answers, to prove responses are checked too.
      'teams/get-by-name': () => ({ status: 200, body: { id: 1, slug: 7 } }),
      'meta/root': () => ({ status: 202, body: {} }),
    },
  });
  octokit = new Octokit({ auth: standin.token, baseUrl: standin.baseUrl });
});

afterEach(() => {
  standin.assertNoViolations();
});

afterAll(async () => {
  await standin.close();
});

async function call(method: string, path: string, body?: string) {
  const response = await fetch(`${standin.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${standin.token}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('the stand-in refuses malformed API calls', () => {
  it.each([
    {
      name: 'a wrong field name in a body',
      method: 'PUT',
      path: '/repos/acme/api/collaborators/user1',
      body: JSON.stringify({ permision: 'push' }),
      status: 422,
      violation:
        'body: (root) must NOT have additional properties (unknown: permision)',
    },
    {
      name: 'a missing required body field',
      method: 'POST',
      path: '/orgs/acme/teams',
      body: JSON.stringify({ description: 'no name' }),
      status: 422,
      violation: "body: (root) must have required property 'name'",
    },
    {
      name: 'a missing required query parameter',
      method: 'GET',
      path: '/search/repositories?sort=stars',
      status: 422,
      violation: "query: (root) must have required property 'q'",
    },
    {
      name: 'an invalid enum value',
      method: 'GET',
      path: '/orgs/acme/members?role=owner',
      status: 422,
      violation:
        'query: /role must be equal to one of the allowed values (allowed: all, admin, member)',
    },
    {
      name: 'an unknown query parameter',
      method: 'GET',
      path: '/orgs/acme/members?perpage=10',
      status: 422,
      violation:
        'query: (root) must NOT have additional properties (unknown: perpage)',
    },
    {
      name: 'an unknown endpoint',
      method: 'GET',
      path: '/orgs/acme/peoples',
      status: 404,
      violation:
        "GET /orgs/acme/peoples is not in GitHub's OpenAPI description",
    },
    {
      name: 'a body that is not JSON',
      method: 'POST',
      path: '/orgs/acme/teams',
      body: '{name:',
      status: 400,
      violation: 'the request body is not JSON',
    },
  ])('refuses $name', async ({ method, path, body, status, violation }) => {
    const response = await call(method, path, body);

    expect(response.status).toBe(status);
    expect(response.body.message).toEqual(expect.any(String));
    expect(standin.takeViolations().map((v) => v.message)).toEqual([violation]);
  });

  it('makes Octokit throw for a call GitHub would refuse', async () => {
    const refused = octokit.request('GET /orgs/{org}/members?role=owner', {
      org: 'acme',
    });

    await expect(refused).rejects.toMatchObject({ status: 422 });
    expect(standin.takeViolations()).toHaveLength(1);
  });

  it('records a response that breaks the schema', async () => {
    await octokit.request('GET /orgs/{org}/teams/{team_slug}', {
      org: 'acme',
      team_slug: 'any',
    });

    expect(standin.takeViolations().map((v) => v.message)).toEqual(
      expect.arrayContaining([
        "response: (root) must have required property 'node_id'",
        'response: /slug must be string',
      ]),
    );
  });

  it('records a status the operation does not document', async () => {
    await octokit.request('GET /');

    expect(standin.takeViolations().map((v) => v.message)).toContain(
      'status: status 202 is not documented for meta/root (documented: 200)',
    );
  });

  it('records an endpoint it has no handler for', async () => {
    const response = await call('GET', '/orgs/acme/hooks');

    expect(response.status).toBe(404);
    expect(standin.takeViolations().map((v) => v.message)).toEqual([
      'the stand-in has no handler for orgs/list-webhooks',
    ]);
  });
});

describe('the stand-in behaves like GitHub', () => {
  it.each([
    ['no authorization header', undefined],
    ['a wrong token', 'token ghp_wrong'],
    ['an unknown scheme', 'Basic eDp5'],
  ])('answers 401 for %s', async (_name, authorization) => {
    const response = await fetch(`${standin.baseUrl}/orgs/acme/members`, {
      headers: authorization === undefined ? {} : { authorization },
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: 'Bad credentials' });
  });

  it('pages lists with a Link header', async () => {
    const first = await call('GET', '/orgs/acme/members?per_page=20');
    const last = await call('GET', '/orgs/acme/members?per_page=20&page=3');

    expect(first.body).toHaveLength(20);
    expect(first.headers.get('link')).toBe(
      [
        `<${standin.baseUrl}/orgs/acme/members?per_page=20&page=2>; rel="next"`,
        `<${standin.baseUrl}/orgs/acme/members?per_page=20&page=3>; rel="last"`,
      ].join(', '),
    );
    expect(last.body).toHaveLength(5);
    expect(last.headers.get('link')).toContain('rel="prev"');
    expect(last.headers.get('link')).not.toContain('rel="next"');
  });

  it('lets Octokit paginate every member', async () => {
    const members = await octokit.paginate(octokit.rest.orgs.listMembers, {
      org: 'acme',
      per_page: 10,
    });

    expect(members).toHaveLength(45);
  });

  it('sends rate-limit headers that count down', async () => {
    const a = await call('GET', '/orgs/acme/members');
    const b = await call('GET', '/orgs/acme/members');

    expect(a.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(Number(b.headers.get('x-ratelimit-remaining'))).toBe(
      Number(a.headers.get('x-ratelimit-remaining')) - 1,
    );
    expect(a.headers.get('x-ratelimit-resource')).toBe('core');
  });

  it('injects faults for the next matching requests', async () => {
    standin.injectFault({
      kind: 'server-error',
      status: 502,
      times: 2,
      operationId: 'orgs/list-members',
    });
    standin.injectFault({
      kind: 'rate-limit',
      operationId: 'repos/list-for-org',
    });

    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await call('GET', '/orgs/acme/members')).status);
    }
    const limited = await call('GET', '/orgs/acme/repos');

    expect(statuses).toEqual([502, 502, 200, 200]);
    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('retry-after')).toBe('1');
  });
});
