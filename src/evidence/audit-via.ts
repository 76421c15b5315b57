import type {
  AuditVia,
  GitPerson,
  HistoryCommit,
  Trailer,
} from './audit-types.ts';

/** Trailers that record a review in the commit message itself. */
const REVIEW_TRAILERS = new Set(['reviewed-by', 'approved-by']);

/**
 * GitHub commits web merges as itself: offline, the person who pressed
 * the button is unknown, so no self-merge can be judged from such a merge.
 */
const FORGE_COMMITTERS = new Set(['noreply@github.com']);

export function personLabel(person: Pick<GitPerson, 'name' | 'email'>) {
  return `${person.name} <${person.email}>`;
}

/** People are the same when their e-mail is; names vary between tools. */
function samePerson(a: Pick<GitPerson, 'email'>, b: Pick<GitPerson, 'email'>) {
  return a.email.trim().toLowerCase() === b.email.trim().toLowerCase();
}

/** How a commit reached the branch, as git alone tells it. */
export function viaOf(commit: HistoryCommit): AuditVia {
  if (commit.merge === undefined) {
    if (commit.squash !== undefined) {
      // One commit stands for the whole pull request: its author is the
      // pull request's, as GitHub writes squash commits.
      return {
        kind: 'merge',
        pr: commit.squash.pr,
        author: [personLabel(commit.author)],
        mergedBy: personLabel(commit.committer),
        style: 'squash',
        claimedBy: 'commit message',
      };
    }
    return { kind: 'direct', author: personLabel(commit.author) };
  }
  const authors = [
    ...new Set(commit.merge.commits.map((c) => personLabel(c.author))),
  ];
  return {
    kind: 'merge',
    ...(commit.merge.pr !== undefined && { pr: commit.merge.pr }),
    ...(commit.merge.branch !== undefined && { branch: commit.merge.branch }),
    author: authors,
    mergedBy: personLabel(commit.committer),
  };
}

/**
 * The trailers that speak for a change: the commit's own and, for a
 * merge, those of the merged commits (where proposals carry theirs).
 */
export function trailersOf(commit: HistoryCommit): Trailer[] {
  const all = [
    ...commit.trailers,
    ...(commit.merge?.commits.flatMap((c) => c.trailers) ?? []),
  ];
  const seen = new Set<string>();
  return all.filter((t) => {
    const key = `${t.key}\n${t.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether a trailer value such as `Name <email>` names this person. */
function namesPerson(value: string, person: GitPerson): boolean {
  const text = value.trim().toLowerCase();
  const email = /<([^>]+)>/.exec(text)?.[1];
  if (email !== undefined) return email === person.email.toLowerCase();
  return (
    text === person.name.trim().toLowerCase() ||
    text === person.email.toLowerCase()
  );
}

/** The merger's label when the merge looks self-merged, else undefined. */
export function selfMerge(commit: HistoryCommit): string | undefined {
  const merge = commit.merge;
  if (merge === undefined || merge.commits.length === 0) return undefined;
  const merger = commit.committer;
  if (FORGE_COMMITTERS.has(merger.email.toLowerCase())) return undefined;
  if (!merge.commits.every((c) => samePerson(c.author, merger))) {
    return undefined;
  }
  const reviewedByOther = trailersOf(commit).some(
    (t) =>
      REVIEW_TRAILERS.has(t.key.toLowerCase()) && !namesPerson(t.value, merger),
  );
  return reviewedByOther ? undefined : personLabel(merger);
}
