import { RolesmithError } from '../errors.ts';
import type { GithubClient } from './github-client.ts';
import {
  attempt,
  pullsError,
  readFailure,
  tokenOf,
} from './github-pulls-errors.ts';
import type { RepoTarget } from './github-pulls.ts';
import { PER_PAGE, repoPath, sameName } from './github-pulls.ts';

/**
 * One comment per marker on a pull request, for `rolesmith comment`: a
 * re-run edits the comment it made instead of adding another.
 */

export interface StickyCommentOptions extends RepoTarget {
  number: number;
  /** Names the comment: `check` is marked `<!-- rolesmith:check -->`. */
  marker: string;
  body: string;
  /**
   * The login the token writes as. Looked up with `GET /user` when
   * omitted; an installation token (such as Actions' GITHUB_TOKEN) cannot
   * do that, and then the comment is matched by its marker and a bot
   * author.
   */
  author?: string;
}

export interface StickyComment {
  id: number;
  created: boolean;
}

const MARKER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The hidden line that tells a sticky comment apart from the others. */
export function stickyMarker(marker: string): string {
  if (!MARKER_NAME.test(marker)) {
    throw new RolesmithError(`invalid sticky comment marker "${marker}"`, {
      code: 'internal',
      expected: 'letters, digits, dot, dash or underscore, e.g. check',
    });
  }
  return `<!-- rolesmith:${marker} -->`;
}

/**
 * Keeps one comment per marker on a pull request: the comment carrying
 * the marker and written by the token's user is edited in place, else
 * one is created. Comments by anyone else are never touched, even with
 * the marker in them. An unchanged body is not written again.
 */
export async function upsertStickyComment(
  client: GithubClient,
  options: StickyCommentOptions,
): Promise<StickyComment> {
  const marker = stickyMarker(options.marker);
  const body = options.body.includes(marker)
    ? options.body
    : `${marker}\n${options.body}`;
  const path = `${repoPath(options)}/issues`;
  const isMine = await authorTest(client, options.author);
  const comments = await attempt(
    client,
    `GET ${path}/${options.number}/comments`,
    () =>
      client.paginate(client.rest.issues.listComments, {
        owner: options.owner,
        repo: options.repo,
        issue_number: options.number,
        per_page: PER_PAGE,
      }),
  );
  const mine = comments.find(
    (comment) =>
      comment.body?.includes(marker) === true &&
      comment.user !== null &&
      isMine(comment.user),
  );
  if (mine !== undefined) {
    if (mine.body !== body) {
      await attempt(client, `PATCH ${path}/comments/${mine.id}`, () =>
        client.rest.issues.updateComment({
          owner: options.owner,
          repo: options.repo,
          comment_id: mine.id,
          body,
        }),
      );
    }
    return { id: mine.id, created: false };
  }
  const made = await attempt(
    client,
    `POST ${path}/${options.number}/comments`,
    () =>
      client.rest.issues.createComment({
        owner: options.owner,
        repo: options.repo,
        issue_number: options.number,
        body,
      }),
  );
  return { id: made.data.id, created: true };
}

async function authorTest(
  client: GithubClient,
  author: string | undefined,
): Promise<(user: { login: string; type?: string }) => boolean> {
  if (author !== undefined) return (user) => sameName(user.login, author);
  try {
    const me = await client.rest.users.getAuthenticated();
    return (user) => sameName(user.login, me.data.login);
  } catch (error) {
    // Installation tokens may not read /user; they write as a bot.
    const failure = readFailure(error);
    if (
      failure.status === 403 &&
      /not accessible by integration/i.test(failure.message)
    ) {
      return (user) => user.type === 'Bot';
    }
    throw pullsError(error, 'GET /user', await tokenOf(client));
  }
}
