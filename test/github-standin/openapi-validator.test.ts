import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubValidator } from './openapi-validator.ts';
import { closeObjects, convertSchema } from './schema-convert.ts';

const FIXTURES = join(
  import.meta.dirname,
  '../../../shared/datasets/inventories/github-octokit-fixtures',
);

const validator = githubValidator();

function request(method: string, path: string, body?: unknown) {
  const url = new URL(path, 'http://standin.test');
  const match = validator.match(method, url.pathname);
  if (match === undefined) throw new Error(`no operation for ${path}`);
  return validator
    .validateRequest(match, url.searchParams, body)
    .problems.map((p) => `${p.location}: ${p.message}`);
}

function response(method: string, path: string, status: number, body: unknown) {
  const match = validator.match(method, path);
  if (match === undefined) throw new Error(`no operation for ${path}`);
  return validator
    .validateResponse(match.operation, status, body)
    .map((p) => `${p.location}: ${p.message}`);
}

describe('convertSchema', () => {
  it.each([
    [
      'turns a nullable type into a union',
      { type: 'string', nullable: true },
      { type: ['string', 'null'] },
    ],
    [
      'adds null to a nullable enum',
      { type: 'string', enum: ['a'], nullable: true },
      { type: ['string', 'null'], enum: ['a', null] },
    ],
    [
      'wraps a nullable composition in anyOf',
      { nullable: true, allOf: [{ $ref: '#/components/schemas/x' }] },
      {
        anyOf: [
          { allOf: [{ $ref: 'github-openapi#/components/schemas/x' }] },
          { type: 'null' },
        ],
      },
    ],
    [
      'leaves a property named nullable alone',
      { type: 'object', properties: { nullable: { type: 'boolean' } } },
      { type: 'object', properties: { nullable: { type: 'boolean' } } },
    ],
    [
      'drops annotations',
      { type: 'integer', description: 'd', example: 3, 'x-github': {} },
      { type: 'integer' },
    ],
  ])('%s', (_name, input, expected) => {
    expect(convertSchema(input)).toEqual(expected);
  });

  it('closes inline request objects but not allOf members', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'object', properties: { b: {} } } },
      allOf: [{ type: 'object', properties: { c: {} } }],
    };

    expect(closeObjects(schema)).toEqual({
      type: 'object',
      properties: {
        a: {
          type: 'object',
          properties: { b: {} },
          additionalProperties: false,
        },
      },
      allOf: [{ type: 'object', properties: { c: {} } }],
    });
  });
});

describe('OperationIndex', () => {
  it.each([
    ['GET', '/orgs/acme/teams', 'teams/list'],
    ['GET', '/orgs/acme/teams/platform/members', 'teams/list-members-in-org'],
    ['GET', '/repos/acme/api/contents/docs/a%20b.md', 'repos/get-content'],
    ['PUT', '/repos/acme/api/collaborators/bob', 'repos/add-collaborator'],
  ])('routes %s %s to %s', (method, path, operationId) => {
    expect(validator.match(method, path)?.operation.id).toBe(operationId);
  });

  it('decodes path parameters, keeping slashes of a spanning tail', () => {
    const match = validator.match(
      'GET',
      '/repos/acme/api/contents/docs/a%20b.md',
    );

    expect(match?.pathParams).toEqual({
      owner: 'acme',
      repo: 'api',
      path: 'docs/a b.md',
    });
  });

  it.each([
    ['GET', '/orgs/acme/peoples'],
    ['DELETE', '/orgs/acme/members'],
    ['GET', '/nowhere'],
  ])('finds no operation for %s %s', (method, path) => {
    expect(validator.match(method, path)).toBeUndefined();
  });
});

describe('validateRequest', () => {
  it.each([
    ['GET', '/orgs/acme/members?role=admin&per_page=100&page=2', undefined, []],
    [
      'GET',
      '/orgs/acme/members?role=owner',
      undefined,
      [
        'query: /role must be equal to one of the allowed values (allowed: all, admin, member)',
      ],
    ],
    [
      'GET',
      '/orgs/acme/members?per_page=lots',
      undefined,
      ['query: /per_page must be integer'],
    ],
    [
      'GET',
      '/orgs/acme/members?rol=admin',
      undefined,
      ['query: (root) must NOT have additional properties (unknown: rol)'],
    ],
    [
      'GET',
      '/search/repositories?sort=stars',
      undefined,
      ["query: (root) must have required property 'q'"],
    ],
    [
      'POST',
      '/orgs/acme/teams',
      { description: 'no name' },
      ["body: (root) must have required property 'name'"],
    ],
    [
      'PUT',
      '/repos/acme/api/collaborators/bob',
      { permision: 'push' },
      ['body: (root) must NOT have additional properties (unknown: permision)'],
    ],
    [
      'POST',
      '/orgs/acme/teams',
      { name: 'x', privacy: 'hidden' },
      [
        'body: /privacy must be equal to one of the allowed values (allowed: secret, closed)',
      ],
    ],
    [
      'GET',
      '/orgs/acme/members',
      { role: 'admin' },
      ['body: orgs/list-members takes no request body'],
    ],
    [
      'POST',
      '/orgs/acme/teams',
      undefined,
      ['body: a request body is required'],
    ],
    [
      'GET',
      '/repos/acme/api/keys/seven',
      undefined,
      ['path: /key_id must be integer'],
    ],
    [
      'GET',
      '/orgs/acme/members?page=2&page=3',
      undefined,
      ['query: /page must be integer'],
    ],
  ])('checks %s %s', (method, path, body, expected) => {
    expect(request(method, path, body)).toEqual(expected);
  });
});

describe('validateResponse', () => {
  const user = {
    login: 'alice',
    id: 1,
    node_id: 'MDQ6VXNlcjE=',
    avatar_url: 'https://avatars.githubusercontent.com/u/1?v=4',
    gravatar_id: null,
    url: 'https://api.github.com/users/alice',
    html_url: 'https://github.com/alice',
    followers_url: 'https://api.github.com/users/alice/followers',
    following_url: 'https://api.github.com/users/alice/following{/other_user}',
    gists_url: 'https://api.github.com/users/alice/gists{/gist_id}',
    starred_url: 'https://api.github.com/users/alice/starred{/owner}{/repo}',
    subscriptions_url: 'https://api.github.com/users/alice/subscriptions',
    organizations_url: 'https://api.github.com/users/alice/orgs',
    repos_url: 'https://api.github.com/users/alice/repos',
    events_url: 'https://api.github.com/users/alice/events{/privacy}',
    received_events_url: 'https://api.github.com/users/alice/received_events',
    type: 'User',
    site_admin: false,
  };
  const nameless = Object.fromEntries(
    Object.entries(user).filter(([key]) => key !== 'login'),
  );

  it.each([
    ['accepts a valid list', 200, [user], []],
    [
      'rejects an item without a required field',
      200,
      [nameless],
      ["response: /0 must have required property 'login'"],
    ],
    [
      'rejects a wrongly typed field',
      200,
      [{ ...user, id: '1' }],
      ['response: /0/id must be integer'],
    ],
    [
      'rejects a status the operation does not document',
      201,
      [user],
      [
        'status: status 201 is not documented for orgs/list-members (documented: 200, 422)',
        'response: (root) must be object',
      ],
    ],
  ])('%s', (_name, status, body, expected) => {
    expect(response('GET', '/orgs/acme/members', status, body)).toEqual(
      expected,
    );
  });

  it('lets protocol answers through when they are GitHub errors', () => {
    const match = validator.match('GET', '/orgs/acme/members')!;
    const error = { message: 'Bad credentials', documentation_url: 'x' };

    expect(
      validator.validateResponse(match.operation, 401, error, {
        protocol: true,
      }),
    ).toEqual([]);
    expect(
      validator.validateResponse(
        match.operation,
        401,
        { message: 1 },
        { protocol: true },
      ),
    ).toEqual([{ location: 'response', message: '/message must be string' }]);
  });

  it('checks formats through ajv-formats', () => {
    const key = {
      id: 7,
      key: 'ssh-ed25519 AAAA',
      url: 'https://api.github.com/repos/acme/api/keys/7',
      title: 'ci',
      verified: true,
      created_at: '2024-01-15T09:30:00Z',
      read_only: true,
    };

    expect(response('GET', '/repos/acme/api/keys', 200, [key])).toEqual([]);
    expect(
      response('GET', '/repos/acme/api/keys', 200, [
        { ...key, last_used: 'yesterday' },
      ]),
    ).toEqual(['response: /0/last_used must match format "date-time"']);
    expect(
      response('GET', '/repos/acme/api/keys', 200, [
        { ...key, last_used: null },
      ]),
    ).toEqual([]);
  });

  it('rejects a body on a status documented without one', () => {
    expect(
      response('DELETE', '/repos/acme/api/collaborators/bob', 204, {
        ok: true,
      }),
    ).toEqual([
      'response: repos/remove-collaborator documents no body for status 204, but one was sent',
    ]);
  });
});

interface Exchange {
  method: string;
  path: string;
  status: number;
  body: unknown;
  response: unknown;
}

describe.skipIf(!existsSync(FIXTURES))('recorded GitHub exchanges', () => {
  const exchanges = existsSync(FIXTURES)
    ? readdirSync(FIXTURES)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .flatMap((name) =>
          (
            JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Exchange[]
          ).map((exchange) => ({ name, ...exchange })),
        )
    : [];
  const present = (value: unknown) => (value === '' ? undefined : value);

  it('replays 11 exchanges, each matching a documented operation', () => {
    expect(exchanges).toHaveLength(11);
    for (const exchange of exchanges) {
      expect(
        validator.match(exchange.method, exchange.path),
        exchange.path,
      ).toBeDefined();
    }
  });

  it('accepts every recorded request', () => {
    for (const exchange of exchanges) {
      expect(
        request(exchange.method, exchange.path, present(exchange.body)),
      ).toEqual([]);
    }
  });

  // The recordings predate two fields today's description requires; the
  // validator must notice exactly those and accept everything else.
  it('accepts every recorded response except two that predate new required fields', () => {
    const problems = exchanges.flatMap((exchange) =>
      response(
        exchange.method,
        exchange.path,
        exchange.status,
        present(exchange.response),
      ).map((problem) => `${exchange.method} ${exchange.path}: ${problem}`),
    );

    expect(problems).toEqual([
      "put /repos/octokit-fixture-org/branch-protection/branches/main/protection: response: /restrictions/teams/0 must have required property 'type'",
      "get /orgs/octokit-fixture-org: response: (root) must have required property 'archived_at'",
    ]);
  });
});
