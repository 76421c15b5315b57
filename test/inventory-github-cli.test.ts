import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GithubStandin } from './github-standin/index.ts';
import { startGithubStandin } from './github-standin/index.ts';
import { runRolesmith } from './helpers/run-cli.ts';

let standin: GithubStandin;

beforeAll(async () => {
  standin = await startGithubStandin({
    world: {
      users: [{ login: 'alice', email: 'alice@acme.test' }],
      orgs: [
        {
          login: 'acme',
          members: { alice: 'admin', bob: 'member' },
          outsideCollaborators: [],
          teams: [],
          repos: [{ name: 'api', collaborators: { bob: 'push' } }],
          installations: [],
        },
      ],
    },
  });
});

afterAll(async () => {
  await standin.close();
});

describe('rolesmith inventory github:<org>', () => {
  it('reads an organisation through the API named by GITHUB_API_URL', async () => {
    const result = await runRolesmith(
      ['inventory', 'github:acme', '--format', 'json'],
      process.cwd(),
      { GITHUB_API_URL: standin.baseUrl, GITHUB_TOKEN: standin.token },
    );

    expect(result.stderr).not.toContain(standin.token);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      identitiesByKind: Record<string, number>;
      entitlementsBySystem: Record<string, number>;
    };
    expect(report.identitiesByKind).toEqual({ human: 2 });
    expect(Object.keys(report.entitlementsBySystem)).toEqual(['github']);
    standin.assertNoViolations();
  });

  it('fails with exit 2 and never prints the token when it is wrong', async () => {
    const result = await runRolesmith(
      ['inventory', 'github:acme'],
      process.cwd(),
      {
        GITHUB_API_URL: standin.baseUrl,
        GITHUB_TOKEN: 'ghp_wrongwrongwrong',
      },
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/authentication failed/i);
    expect(result.stdout + result.stderr).not.toContain('ghp_wrongwrongwrong');
  });
});
