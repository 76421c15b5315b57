import { RolesmithError, truncate } from '../errors.ts';
import type { GithubClient } from './github-client.ts';
import { githubError, redact } from './github-client.ts';

/**
 * Failures of the pull-request and comment endpoints as RolesmithErrors
 * (code `forge`, exit 2) that say what went wrong in the words of the
 * task: authentication, permission, something missing, GitHub's own
 * validation message, or a rate limit the plugins could not wait out.
 * Like githubError, the Octokit error is not kept as the cause, since it
 * carries the request and its authorization header.
 */
export interface PullsFailure {
  status?: number;
  headers: Record<string, string | number | undefined>;
  message: string;
  /** GitHub's `errors` on a 422, as one readable line each. */
  details: string[];
}

const WRITE_ACCESS =
  'a token that may write pull requests and issues on the repository ' +
  '(classic token: the repo scope; fine-grained: Pull requests and Issues ' +
  'read and write)';

export function pullsError(
  error: unknown,
  endpoint: string,
  token: string,
  /** Said of a 422 when GitHub gives no reason (some endpoints send none). */
  unexplained422?: string,
): RolesmithError {
  const failure = readFailure(error);
  const { status, headers } = failure;
  const clean = (text: string) => truncate(redact(text, token), 300);
  const fail = (text: string, expected?: string) =>
    new RolesmithError(clean(text), {
      code: 'forge',
      ...(expected !== undefined && { expected }),
    });
  const said = failure.message === '' ? '' : `: ${failure.message}`;

  if (status === 401) {
    return fail(
      `GitHub authentication failed (401 on ${endpoint}): the token is wrong, expired or revoked`,
      'a valid token in GITHUB_TOKEN',
    );
  }
  const limited = status === 403 || status === 429;
  if (limited && headers['x-ratelimit-remaining'] !== '0') {
    // A secondary limit says so in its message and sends retry-after; the
    // throttling plugin has already waited and retried before this.
    if (
      /secondary rate limit/i.test(failure.message) ||
      headers['retry-after'] !== undefined
    ) {
      return fail(
        `GitHub's secondary rate limit kept refusing ${endpoint} ` +
          `(${status}) after retries; wait a few minutes and run again`,
      );
    }
    return fail(
      `GitHub refused ${endpoint} (${status}): the token may not do this${said}`,
      WRITE_ACCESS,
    );
  }
  if (status === 404) {
    return fail(
      `GitHub found nothing at ${endpoint} (404): the repository, pull ` +
        'request or comment does not exist, or the token cannot see it',
      WRITE_ACCESS,
    );
  }
  if (status === 422) {
    const reasons =
      failure.details.length > 0
        ? failure.details.join('; ')
        : failure.message !== ''
          ? failure.message
          : (unexplained422 ?? 'no reason given');
    return fail(`GitHub rejected ${endpoint} (422): ${reasons}`);
  }
  // Primary rate limits, 5xx after retries, network failures and the
  // rest read the same as for every other GitHub call.
  return githubError(error, endpoint, token);
}

/** Whether a 422 carries this message among GitHub's `errors`. */
export function hasDetail(error: unknown, pattern: RegExp): boolean {
  const failure = readFailure(error);
  return failure.status === 422 && failure.details.some((d) => pattern.test(d));
}

export function readFailure(error: unknown): PullsFailure {
  const none: PullsFailure = { headers: {}, message: '', details: [] };
  if (!(error instanceof Error)) return { ...none, message: String(error) };
  const fields = error as Error & {
    status?: unknown;
    response?: { headers?: PullsFailure['headers']; data?: unknown };
  };
  const data = fields.response?.data;
  const record =
    typeof data === 'object' && data !== null
      ? (data as Record<string, unknown>)
      : {};
  const message =
    typeof record.message === 'string'
      ? record.message
      : fields.response === undefined
        ? error.message
        : '';
  const details = Array.isArray(record.errors)
    ? record.errors.map(detailOf).filter((d) => d !== '')
    : [];
  return {
    ...(typeof fields.status === 'number' && { status: fields.status }),
    headers: fields.response?.headers ?? {},
    message,
    details,
  };
}

/** `A pull request already exists for acme:x.` or `head invalid`. */
function detailOf(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null) return '';
  const e = entry as Record<string, unknown>;
  if (typeof e.message === 'string' && e.message !== '') return e.message;
  const words = [e.field, e.code].filter(
    (w): w is string => typeof w === 'string',
  );
  return words.join(' ');
}

/**
 * The token, for scrubbing messages only. Octokit's token auth hands it
 * back; any other auth gives nothing to scrub.
 */
export async function tokenOf(client: GithubClient): Promise<string> {
  try {
    const auth: unknown = await client.auth();
    if (typeof auth === 'object' && auth !== null && 'token' in auth) {
      return typeof auth.token === 'string' ? auth.token : '';
    }
  } catch {
    // No token to scrub.
  }
  return '';
}

/** Runs one API call, turning its failure into a RolesmithError. */
export async function attempt<T>(
  client: GithubClient,
  endpoint: string,
  call: () => Promise<T>,
  unexplained422?: string,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw pullsError(error, endpoint, await tokenOf(client), unexplained422);
  }
}
