import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { RolesmithError, truncate } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { ApiTimeoutError, fetchWithTimeout } from './github-request-timeout.ts';
import { formatDuration, timeoutFromEnv } from './network-timeouts.ts';

export const GITHUB_API_URL = 'https://api.github.com';

const RetryingOctokit = Octokit.plugin(throttling, retry);

/**
 * The plugins change behaviour, not the REST surface, so the client is
 * typed as a plain Octokit: the plugin-extended type cannot be named in
 * emitted declarations (TS2742).
 */
export type GithubClient = Octokit;

export interface GithubClientOptions {
  /** `https://api.github.com`, or `https://<host>/api/v3` for Enterprise. */
  baseUrl?: string;
  token: string;
  logger: Logger;
  /** Retries after a 5xx or a rate limit; 3 when omitted. */
  retries?: number;
  /**
   * Milliseconds per second of back-off the plugins compute (1000 in
   * production). Tests pass 1 so that retries take milliseconds.
   */
  retryUnitMs?: number;
  /**
   * Milliseconds between two writes. When omitted, the throttling plugin
   * keeps its own spacing (1 s between writes, 3 s between writes that
   * notify people, such as new pull requests and comments), which is what
   * GitHub asks of API clients to stay clear of secondary rate limits.
   * Tests against the stand-in pass 0; rate limits are still waited out.
   */
  writeSpacingMs?: number;
  /**
   * Milliseconds one request (an attempt: a retry gets as long again) may
   * take, answer included. Falls back to ROLESMITH_GITHUB_TIMEOUT_MS, then
   * 60 s.
   */
  requestTimeoutMs?: number;
}

/**
 * An Octokit with retries on server errors and back-off on rate limits.
 * Octokit's own log is bridged to the logger with the message only: its
 * debug records carry the request options, authorization header included.
 */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const { logger, token } = options;
  const retries = options.retries ?? 3;
  const unit = options.retryUnitMs ?? 1000;
  const timeoutMs = options.requestTimeoutMs ?? timeoutFromEnv('apiRequestMs');
  const onLimit = (
    retryAfter: number,
    request: { method: string; url: string },
    _octokit: unknown,
    retryCount: number,
  ) => {
    const endpoint = `${request.method} ${request.url}`;
    logger.warn('GitHub rate limit reached', {
      endpoint,
      retryAfter,
      retryCount,
    });
    return retryCount < retries;
  };
  const scrubbed = (message: string) => {
    logger.debug(redact(message, token));
  };
  return new RetryingOctokit({
    auth: token,
    baseUrl: (options.baseUrl ?? GITHUB_API_URL).replace(/\/+$/, ''),
    userAgent: 'rolesmith',
    log: { debug: () => {}, info: scrubbed, warn: scrubbed, error: scrubbed },
    request: { fetch: fetchWithTimeout(timeoutMs) },
    retry: { retries, retryAfterBaseValue: unit },
    throttle: {
      retryAfterBaseValue: unit,
      onRateLimit: onLimit,
      onSecondaryRateLimit: onLimit,
      ...(options.writeSpacingMs !== undefined &&
        writeLimiters(options.writeSpacingMs)),
    },
  });
}

/**
 * The plugin's write limiters are shared by every client in the process
 * unless a client brings its own; these are this client's alone.
 */
function writeLimiters(spacingMs: number) {
  const group = () =>
    new Bottleneck.Group({
      maxConcurrent: 1,
      minTime: Math.max(0, spacingMs),
    });
  return { write: group(), notifications: group() };
}

/**
 * The token from options or `GITHUB_TOKEN`. A missing token is a
 * configuration error that says where to put one, never what was found.
 */
export function resolveGithubToken(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const token = explicit ?? env.GITHUB_TOKEN;
  if (token === undefined || token.trim() === '') {
    throw new RolesmithError('no GitHub token is configured', {
      code: 'config',
      expected:
        'a token in the GITHUB_TOKEN environment variable (scopes read:org and repo)',
    });
  }
  return token.trim();
}

const SCOPES = 'a token with the read:org and repo scopes';

/**
 * Turns an Octokit failure into a RolesmithError naming the endpoint, the
 * status and what to do. The Octokit error is not kept as the cause: it
 * carries the request, and nothing of the token may reach a message.
 */
export function githubError(
  error: unknown,
  endpoint: string,
  token: string,
): RolesmithError {
  const { status, headers, message } = describeFailure(error);
  const said =
    message === '' ? '' : `: ${truncate(redact(message, token), 120)}`;
  const fail = (text: string, expected?: string) =>
    new RolesmithError(text, {
      code: 'forge',
      ...(expected !== undefined && { expected }),
    });

  const timeout = timeoutOf(error);
  if (timeout !== undefined) {
    return fail(
      `GitHub at ${timeout.host} did not answer ${endpoint} in time ` +
        `(nothing within ${formatDuration(timeout.timeoutMs)}, also when ` +
        'retried); your files and branches are kept as they were',
      'a GitHub API that answers: run again when it does, or allow each ' +
        'request more time with ROLESMITH_GITHUB_TIMEOUT_MS',
    );
  }
  if (status === undefined || headers === undefined) {
    return fail(
      `could not reach GitHub for ${endpoint}${said}`,
      'a reachable GitHub API base URL',
    );
  }
  if (status === 401) {
    return fail(
      `GitHub authentication failed (401 on ${endpoint})`,
      `${SCOPES} in GITHUB_TOKEN`,
    );
  }
  if (
    (status === 403 || status === 429) &&
    headers['x-ratelimit-remaining'] === '0'
  ) {
    const reset = Number(headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset)
      ? ` until ${new Date(reset * 1000).toISOString()}`
      : '';
    return fail(
      `GitHub rate limit exhausted on ${endpoint}; it is blocked${when}`,
    );
  }
  if (status === 403 || status === 429) {
    return fail(
      `GitHub refused ${endpoint} (${status}): the token lacks the ` +
        `permission this endpoint needs${said}`,
      `${SCOPES}, from an organisation owner`,
    );
  }
  if (status === 404) {
    return fail(
      `GitHub found nothing at ${endpoint} (404): the organisation or ` +
        'repository does not exist, or the token cannot see it',
      SCOPES,
    );
  }
  if (status >= 500) {
    return fail(
      `GitHub kept failing on ${endpoint} (${status}) after retries${said}`,
    );
  }
  return fail(`GitHub rejected ${endpoint} (${status})${said}`);
}

/** The ApiTimeoutError behind a failure: Octokit keeps it as the cause. */
function timeoutOf(error: unknown): ApiTimeoutError | undefined {
  if (error instanceof ApiTimeoutError) return error;
  if (error instanceof Error && error.cause instanceof ApiTimeoutError) {
    return error.cause;
  }
  return undefined;
}

interface Failure {
  status?: number;
  headers?: Record<string, string | number | undefined>;
  message: string;
}

function describeFailure(error: unknown): Failure {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = error as Error & {
    status?: unknown;
    response?: { headers?: Failure['headers']; data?: unknown };
  };
  const status = typeof fields.status === 'number' ? fields.status : undefined;
  // A network failure arrives as a 500 without a response.
  const headers = fields.response?.headers;
  // GitHub's own `message`, without the documentation link Octokit adds.
  const data = fields.response?.data;
  const said =
    typeof data === 'object' &&
    data !== null &&
    'message' in data &&
    typeof data.message === 'string'
      ? data.message
      : error.message;
  return {
    ...(status !== undefined && { status }),
    ...(headers !== undefined && { headers }),
    message: said,
  };
}

/** Replaces every occurrence of the token, however it got there. */
export function redact(text: string, token: string): string {
  return token === '' ? text : text.split(token).join('[REDACTED]');
}
