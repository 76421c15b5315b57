import type { GitServer } from './git-server.ts';
import type { TempRepo } from './temp-repo.ts';
import { createTempRepo } from './temp-repo.ts';

/** A role file as mining writes it: one role, these members. */
export function apClerkRole(members: string[]): string {
  return [
    'id: ap-clerk',
    'title: AP clerk',
    'audience: human',
    "owners: ['@acme/finance-owners']",
    'entitlements: [sap:FB60]',
    'membership:',
    `  identities: [${members.join(', ')}]`,
    'review:',
    '  next_review: 2027-03-01',
    '',
  ].join('\n');
}

/**
 * A clone of `name` on the test git server as a user has it: `origin`
 * set, main checked out, an identity configured. The token goes in a
 * one-off `-c` for the first fetch only, so none is stored in the clone.
 */
export async function cloneFromServer(
  server: GitServer,
  name: string,
  token: string,
): Promise<TempRepo> {
  const clone = await createTempRepo();
  const basic = Buffer.from(`x:${token}`).toString('base64');
  await clone.git('remote', 'add', 'origin', server.repoUrl(name));
  await clone.git(
    '-c',
    `http.extraHeader=Authorization: Basic ${basic}`,
    'fetch',
    '-q',
    'origin',
  );
  await clone.git('reset', '-q', '--hard', 'origin/main');
  await clone.git('config', 'user.name', 'Pat');
  await clone.git('config', 'user.email', 'pat@example.test');
  return clone;
}
