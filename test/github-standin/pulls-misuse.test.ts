import { Octokit } from '@octokit/rest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GithubStandin } from './index.ts';
import { startGithubStandin } from './index.ts';

/**
 * Malformed pull-request calls, as a client with a bug would send them:
 * each is refused as GitHub would refuse it and recorded as a violation,
 * so a test that makes one fails at `assertNoViolations()`.
 */
let standin: GithubStandin;
let octokit: Octokit;

beforeAll(async () => {
  standin = await startGithubStandin({
    world: {
      orgs: [
        {
          login: 'acme',
          members: { octocat: 'admin' },
          repos: [{ name: 'catalogue' }],
        },
      ],
    },
    handlers: {
      // A wrong answer, to show pull responses are checked too.
      'pulls/list-requested-reviewers': () => ({
        status: 200,
        body: { users: [{ login: 'alice' }] },
      }),
    },
  });
  const quiet = () => {};
  octokit = new Octokit({
    auth: standin.token,
    baseUrl: standin.baseUrl,
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
});

afterEach(() => {
  standin.assertNoViolations();
});

afterAll(async () => {
  await standin.close();
});

async function send(method: string, path: string, body?: unknown) {
  const response = await fetch(`${standin.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `token ${standin.token}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return response.status;
}

describe('the stand-in refuses malformed pull-request calls', () => {
  it.each([
    {
      name: 'a wrong field name (header for head)',
      method: 'POST',
      path: '/repos/acme/catalogue/pulls',
      body: { title: 't', header: 'rolesmith/x', base: 'main' },
      status: 422,
      violations: [
        "body: (root) must have required property 'head'",
        'body: (root) must NOT have additional properties (unknown: header)',
      ],
    },
    {
      name: 'a missing required base',
      method: 'POST',
      path: '/repos/acme/catalogue/pulls',
      body: { title: 't', head: 'rolesmith/x' },
      status: 422,
      violations: ["body: (root) must have required property 'base'"],
    },
    {
      name: 'an invalid state on pulls/update',
      method: 'PATCH',
      path: '/repos/acme/catalogue/pulls/1',
      body: { state: 'merged' },
      status: 422,
      violations: [
        'body: /state must be equal to one of the allowed values (allowed: open, closed)',
      ],
    },
    {
      name: 'a draft flag that is not a boolean',
      method: 'POST',
      path: '/repos/acme/catalogue/pulls',
      body: { title: 't', head: 'x', base: 'main', draft: 'yes' },
      status: 422,
      violations: ['body: /draft must be boolean'],
    },
    {
      name: 'an empty label list, which set-labels does not take',
      method: 'PUT',
      path: '/repos/acme/catalogue/issues/1/labels',
      body: { labels: [] },
      status: 422,
      violations: [
        'body: /labels must NOT have fewer than 1 items',
        'body: (root) must match exactly one schema in oneOf',
      ],
    },
    {
      name: 'an invalid state filter on pulls/list',
      method: 'GET',
      path: '/repos/acme/catalogue/pulls?state=merged',
      status: 422,
      violations: [
        'query: /state must be equal to one of the allowed values (allowed: open, closed, all)',
      ],
    },
    {
      name: 'a comment without a body',
      method: 'POST',
      path: '/repos/acme/catalogue/issues/1/comments',
      body: { text: 'hello' },
      status: 422,
      violations: [
        "body: (root) must have required property 'body'",
        'body: (root) must NOT have additional properties (unknown: text)',
      ],
    },
    {
      name: 'an unknown endpoint',
      method: 'POST',
      path: '/repos/acme/catalogue/pull',
      body: { title: 't', head: 'x', base: 'main' },
      status: 404,
      violations: [
        "POST /repos/acme/catalogue/pull is not in GitHub's OpenAPI description",
      ],
    },
    {
      name: 'a pull number that is not a number',
      method: 'GET',
      path: '/repos/acme/catalogue/pulls/first',
      status: 422,
      violations: ['path: /pull_number must be integer'],
    },
  ])('refuses $name', async ({ method, path, body, status, violations }) => {
    const answered = await send(method, path, body);

    expect(answered).toBe(status);
    expect(standin.takeViolations().map((v) => v.message)).toEqual(violations);
  });

  it('makes the test fail through assertNoViolations', async () => {
    await send('PATCH', '/repos/acme/catalogue/pulls/1', { state: 'merged' });

    expect(() => {
      standin.assertNoViolations();
    }).toThrow(
      /the GitHub stand-in saw 1 violation\(s\):\n- request PATCH \/repos\/acme\/catalogue\/pulls\/1: body: \/state must be equal to one of the allowed values/,
    );
  });

  it('makes Octokit throw for a misspelt parameter', async () => {
    // Octokit's types reject this route with `header`; a route held in a
    // plain string (or JavaScript) gets past them and reaches the stand-in.
    const route: string = 'POST /repos/{owner}/{repo}/pulls';
    const call = octokit.request(route, {
      owner: 'acme',
      repo: 'catalogue',
      title: 't',
      header: 'rolesmith/x',
      base: 'main',
    });

    await expect(call).rejects.toMatchObject({ status: 422 });
    expect(standin.takeViolations()).toHaveLength(2);
  });

  it('records a pull response that breaks the schema', async () => {
    await octokit.rest.pulls.listRequestedReviewers({
      owner: 'acme',
      repo: 'catalogue',
      pull_number: 1,
    });

    expect(standin.takeViolations().map((v) => v.message)).toEqual(
      expect.arrayContaining([
        "response: (root) must have required property 'teams'",
        "response: /users/0 must have required property 'id'",
      ]),
    );
  });
});
