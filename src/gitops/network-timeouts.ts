import { RolesmithError } from '../errors.ts';

/**
 * How long rolesmith waits on the network before it gives up. A network
 * that refuses fails at once; one that accepts a connection and then says
 * nothing would otherwise be waited on forever. The defaults leave room
 * for a slow link and a busy server; the environment overrides each.
 */
export interface NetworkTimeouts {
  /** One GitHub API request, response body included, per attempt. */
  apiRequestMs: number;
  /**
   * How long a git transfer over http(s) may move under 1 byte/s before
   * git aborts it (`http.lowSpeedLimit` and `http.lowSpeedTime`).
   */
  gitStallMs: number;
  /**
   * The most one git fetch, ls-remote or push may take, whatever the
   * transport; ssh and a connection that never opens are only bounded by
   * this.
   */
  gitOperationMs: number;
}

export const TIMEOUT_VARIABLES = {
  apiRequestMs: 'ROLESMITH_GITHUB_TIMEOUT_MS',
  gitStallMs: 'ROLESMITH_GIT_STALL_TIMEOUT_MS',
  gitOperationMs: 'ROLESMITH_GIT_TIMEOUT_MS',
} as const satisfies Record<keyof NetworkTimeouts, string>;

export const DEFAULT_TIMEOUTS: Readonly<NetworkTimeouts> = {
  apiRequestMs: 60_000,
  gitStallMs: 60_000,
  // A push of a large catalogue over a slow link still fits.
  gitOperationMs: 600_000,
};

/**
 * One timeout from the environment, else its default. A value that is not
 * a whole number of milliseconds is a configuration error rather than
 * silently replaced: a typo must not turn a bound into none.
 */
export function timeoutFromEnv(
  which: keyof NetworkTimeouts,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const variable = TIMEOUT_VARIABLES[which];
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_TIMEOUTS[which];
  const value = Number(raw);
  if (Number.isInteger(value) && value >= 1) return value;
  throw new RolesmithError(
    `${variable}="${raw.slice(0, 20)}" is not a timeout in milliseconds`,
    {
      code: 'config',
      expected:
        'a whole number of milliseconds, 1 or more ' +
        `(${String(DEFAULT_TIMEOUTS[which])} when unset)`,
    },
  );
}

/** `1 s`, `1.5 s`, `10 min`: a duration as messages say it. */
export function formatDuration(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${String(ms / 60_000)} min`;
  return `${String(Math.round(ms / 100) / 10)} s`;
}
