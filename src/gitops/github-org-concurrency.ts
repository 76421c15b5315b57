import Bottleneck from 'bottleneck';
import { RolesmithError } from '../errors.ts';
import type { GithubClient } from './github-client.ts';

/**
 * GitHub asks clients not to send many requests at once (its secondary
 * rate limits punish it), so the organisation reader keeps a few in
 * flight: enough to hide the round trip, far below the throttling
 * plugin's own ceiling of 10 concurrent requests.
 */
export const DEFAULT_READ_CONCURRENCY = 4;
export const MAX_READ_CONCURRENCY = 10;

const VARIABLE = 'ROLESMITH_GITHUB_CONCURRENCY';

/**
 * How many requests the organisation reader may have in flight: the
 * option, else ROLESMITH_GITHUB_CONCURRENCY, else 4. A value that is not
 * a whole number from 1 to 10 is a configuration error rather than
 * silently replaced, so a typo never turns into a flood of requests.
 */
export function readConcurrency(
  explicit: number | undefined,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const raw = env[VARIABLE]?.trim();
  const from =
    explicit !== undefined
      ? { value: explicit, what: `a concurrency of ${String(explicit)}` }
      : raw !== undefined && raw !== ''
        ? { value: Number(raw), what: `${VARIABLE}="${raw}"` }
        : undefined;
  if (from === undefined) return DEFAULT_READ_CONCURRENCY;
  const { value, what } = from;
  if (Number.isInteger(value) && value >= 1 && value <= MAX_READ_CONCURRENCY) {
    return value;
  }
  throw new RolesmithError(
    `${what} is not a number of GitHub requests to keep in flight`,
    {
      code: 'config',
      expected:
        `a whole number from 1 to ${String(MAX_READ_CONCURRENCY)} ` +
        `(${String(DEFAULT_READ_CONCURRENCY)} when unset)`,
    },
  );
}

/**
 * Holds every request of `client` to `cap` at once, whoever sends it.
 * Wrapped outside the throttling and retry plugins, a request keeps its
 * slot while they wait out a rate limit, so a limit slows the whole read
 * down instead of letting the other requests press on.
 */
export function capRequests(client: GithubClient, cap: number): void {
  const limiter = new Bottleneck({ maxConcurrent: cap });
  client.hook.wrap('request', (request, options) =>
    limiter.schedule(async () => request(options)),
  );
}
