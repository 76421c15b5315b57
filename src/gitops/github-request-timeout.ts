import { formatDuration } from './network-timeouts.ts';

/**
 * A GitHub API request that got no complete answer in time. Its message
 * names the host and the limit only: the request, which carries the
 * authorization header, is not kept.
 */
export class ApiTimeoutError extends Error {
  constructor(
    readonly host: string,
    readonly timeoutMs: number,
  ) {
    super(`no answer from ${host} within ${formatDuration(timeoutMs)}`);
    // Not "AbortError": Octokit rethrows that one as is, and the retry
    // plugin would then not retry it.
    this.name = 'ApiTimeoutError';
  }
}

// Statuses whose response has no body; `new Response` refuses one.
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A fetch for Octokit (`request.fetch`) that gives each request its own
 * deadline. Octokit reads the body after fetch resolves and quietly
 * returns what it got when that read fails, so a server that sends its
 * headers and then stalls would yield a truncated answer; the body is
 * therefore read here, under the same deadline. A timeout is thrown as an
 * ApiTimeoutError, which Octokit reports as a 500 without response: the
 * retry plugin retries it a bounded number of times, and the throttling
 * plugin, which acts on 403 and 429, leaves it alone.
 */
export function fetchWithTimeout(
  timeoutMs: number,
  inner: typeof fetch = globalThis.fetch,
): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const own = init?.signal;
    const signal =
      own === undefined || own === null
        ? deadline
        : AbortSignal.any([own, deadline]);
    try {
      const response = await inner(input, { ...init, signal });
      const body = NULL_BODY.has(response.status)
        ? null
        : await response.arrayBuffer();
      const copy = new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      // Octokit reports the final url (after redirects) with errors.
      Object.defineProperty(copy, 'url', { value: response.url });
      return copy;
    } catch (error) {
      if (deadline.aborted) throw new ApiTimeoutError(hostOf(input), timeoutMs);
      throw error;
    }
  };
}

function hostOf(input: string | URL | Request): string {
  const url =
    typeof input === 'string'
      ? input
      : input instanceof URL
        ? input.href
        : input.url;
  try {
    return new URL(url).host;
  } catch {
    return 'the GitHub API';
  }
}
