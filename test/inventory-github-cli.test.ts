import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GithubStandin } from './github-standin/index.ts';
import { startGithubStandin } from './github-standin/index.ts';
import { notFound } from './github-standin/handler.ts';
import { largeOrgWorld } from './github-standin/large-org.ts';
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

  it('takes ROLESMITH_GITHUB_CONCURRENCY from the command environment', async () => {
    const result = await runRolesmith(
      ['inventory', 'github:acme'],
      process.cwd(),
      {
        GITHUB_API_URL: standin.baseUrl,
        GITHUB_TOKEN: standin.token,
        ROLESMITH_GITHUB_CONCURRENCY: '0',
      },
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ROLESMITH_GITHUB_CONCURRENCY="0"');
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

  it('stops with exit 2 and prints no inventory when one repository fails mid-read', async () => {
    const failing = await startGithubStandin({
      world: largeOrgWorld({ repos: 24, teams: 2 }),
      latencyMs: 5,
      handlers: {
        'repos/list-deploy-keys': (context) => {
          if (context.params.repo === 'repo-0013') return notFound();
          return { status: 200, body: [] };
        },
      },
    });
    try {
      const result = await runRolesmith(
        ['inventory', 'github:acme', '--format', 'json'],
        process.cwd(),
        { GITHUB_API_URL: failing.baseUrl, GITHUB_TOKEN: failing.token },
      );

      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        'GitHub found nothing at GET /repos/acme/repo-0013/keys (404)',
      );
      failing.assertNoViolations();
    } finally {
      await failing.close();
    }
  });
});
