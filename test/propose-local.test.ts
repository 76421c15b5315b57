import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitServer } from './helpers/git-server.ts';
import { startGitServer } from './helpers/git-server.ts';
import { runRolesmith } from './helpers/run-cli.ts';
import { apClerkRole, cloneFromServer } from './helpers/server-clone.ts';
import type { TempRepo } from './helpers/temp-repo.ts';

const TOKEN = 'ghp_localforge0000000000000000000000000000';

let server: GitServer;
let clone: TempRepo;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN, protectedBranches: ['main'] });
  await server.createRepo('acme/roles', {
    seed: { 'roles/finance/ap-clerk.yaml': apClerkRole(['u1']) },
    // main is protected after the seed commit, as on GitHub.
  });
  clone = await cloneFromServer(server, 'acme/roles', TOKEN);
}, 60_000);

afterAll(async () => {
  await server.close();
  await clone.remove();
});

// No GITHUB_REPOSITORY: the local forge. The token still reaches git.
const propose = (...extra: string[]) =>
  runRolesmith(['propose', ...extra], clone.dir, { GITHUB_TOKEN: TOKEN });

describe('rolesmith propose with the local forge', () => {
  it('pushes a branch and writes the description as a file, idempotently', async () => {
    await writeFile(
      join(clone.dir, 'roles/finance/ap-clerk.yaml'),
      apClerkRole(['u1', 'u2']),
    );

    const first = await propose();
    const again = await propose();

    expect(first.code).toBe(0);
    expect(first.stdout).toContain('created');
    expect(again.stdout).toContain('updated');
    expect(again.stdout).not.toContain('created');
    const file = join(
      clone.dir,
      '.git/rolesmith/proposals/rolesmith__roles-finance.md',
    );
    const body = await readFile(file, 'utf8');
    expect(body).toContain('### `ap-clerk` (changed)');
    expect(body).toContain('| members added | `u2` |');
    const head = await server.branchHead(
      'acme/roles',
      'rolesmith/roles-finance',
    );
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    // The working tree is as the user left it.
    expect(await clone.git('status', '--porcelain')).toContain(
      'roles/finance/ap-clerk.yaml',
    );
  });

  it('explains a push refused by branch protection, keeping the work', async () => {
    // The proposal branch itself is protected now: the push is refused.
    await server.protectBranches('acme/roles', [
      'main',
      'rolesmith/roles-finance',
    ]);
    await writeFile(
      join(clone.dir, 'roles/finance/ap-clerk.yaml'),
      apClerkRole(['u1', 'u2', 'u3']),
    );

    const refused = await propose();

    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/protected/i);
    expect(refused.stderr).not.toContain(TOKEN);
    expect(
      await readFile(join(clone.dir, 'roles/finance/ap-clerk.yaml'), 'utf8'),
    ).toContain('u3');
  });

  it('explains a remote that cannot be reached', async () => {
    await clone.git('remote', 'add', 'down', 'http://127.0.0.1:9/acme/roles');

    const result = await propose('--remote', 'down');

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/reach|connect|network/i);
  });

  it('refuses a folder that is not a git work tree', async () => {
    const result = await runRolesmith(['propose', '/'], clone.dir);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('git');
  });
});
