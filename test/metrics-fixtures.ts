/** A role that gives `entitlements` to the named `members`. */
export const roleYaml = (
  id: string,
  entitlements: string[],
  members: string[],
) => `id: ${id}
title: ${id}
audience: human
owners: ['@acme/finance']
entitlements: [${entitlements.join(', ')}]
membership:
  identities: [${members.join(', ')}]
review:
  next_review: 2027-06-01
`;

/**
 * Fixes the author and committer dates of the next commits, so that
 * times to approval and to merge come out exact; `undefined` stops.
 */
export function commitDates(date: string | undefined): void {
  if (date === undefined) {
    delete process.env.GIT_AUTHOR_DATE;
    delete process.env.GIT_COMMITTER_DATE;
    return;
  }
  process.env.GIT_AUTHOR_DATE = date;
  process.env.GIT_COMMITTER_DATE = date;
}
