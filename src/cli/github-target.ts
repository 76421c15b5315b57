import { readFile } from 'node:fs/promises';
import { usageError } from '../errors.ts';
import { createGithubClient } from '../gitops/github-client.ts';
import type { GithubClient } from '../gitops/github-client.ts';
import type { RepoTarget } from '../gitops/github-pulls.ts';
import { AUDIT_READ_ACCESS } from '../gitops/github-provenance.ts';
import { timeoutFromEnv } from '../gitops/network-timeouts.ts';
import type { Logger } from '../logger.ts';
import { stringOption } from './values.ts';
import type { ParsedValues } from './command.ts';

export interface GithubTarget extends RepoTarget {
  client: GithubClient;
}

/**
 * The GitHub repository to talk to, or undefined when none is configured
 * (then commands fall back to the local forge). `--repo owner/name` or
 * GITHUB_REPOSITORY names it; the token comes from GITHUB_TOKEN only, so
 * it never appears in a command line or a shell history; GITHUB_API_URL
 * (set by Actions, also on GitHub Enterprise) or `--github-url` chooses
 * the server.
 */
export function githubTarget(
  values: ParsedValues,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): GithubTarget | undefined {
  const named = stringOption(values, 'repo') ?? env.GITHUB_REPOSITORY;
  const token = env.GITHUB_TOKEN?.trim();
  if (named === undefined || named === '') {
    if (token !== undefined && token !== '' && values['repo'] !== undefined) {
      throw usageError('--repo needs owner/name', 'e.g. --repo acme/roles');
    }
    return undefined;
  }
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(named);
  if (match === null) {
    throw usageError(
      `"${named}" is not a repository`,
      'owner/name, e.g. acme/roles',
    );
  }
  if (token === undefined || token === '') {
    throw usageError(
      `a GitHub repository (${named}) is configured but GITHUB_TOKEN is not set`,
      'export GITHUB_TOKEN with a token that can write pull requests, or ' +
        'drop --repo to use the local forge',
    );
  }
  const baseUrl = stringOption(values, 'github-url') ?? env.GITHUB_API_URL;
  return {
    owner: match[1] ?? '',
    repo: match[2] ?? '',
    client: createGithubClient({
      token,
      logger,
      ...(baseUrl !== undefined && { baseUrl }),
      ...retryTuning(env),
      // From the command's environment, as the token is.
      requestTimeoutMs: timeoutFromEnv('apiRequestMs', env),
    }),
  };
}

/**
 * Back-off and write spacing for tests against the local stand-in, which
 * would otherwise wait seconds between writes as GitHub asks of clients.
 */
function retryTuning(env: NodeJS.ProcessEnv): {
  retryUnitMs?: number;
  writeSpacingMs?: number;
} {
  const unit = Number(env.ROLESMITH_GITHUB_RETRY_UNIT_MS);
  const spacing = Number(env.ROLESMITH_GITHUB_WRITE_SPACING_MS);
  return {
    ...(Number.isFinite(unit) &&
      unit >= 0 &&
      env.ROLESMITH_GITHUB_RETRY_UNIT_MS !== undefined && {
        retryUnitMs: unit,
      }),
    ...(Number.isFinite(spacing) &&
      spacing >= 0 &&
      env.ROLESMITH_GITHUB_WRITE_SPACING_MS !== undefined && {
        writeSpacingMs: spacing,
      }),
  };
}

/**
 * The pull request number: `--pr`, else the event Actions ran for
 * (GITHUB_EVENT_PATH holds `pull_request.number`).
 */
export async function pullNumber(
  values: ParsedValues,
  env: NodeJS.ProcessEnv,
): Promise<number | undefined> {
  const flag = stringOption(values, 'pr');
  if (flag !== undefined) {
    const n = Number(flag);
    if (!Number.isInteger(n) || n < 1) {
      throw usageError(
        `--pr "${flag}" is not a pull request number`,
        'e.g. --pr 42',
      );
    }
    return n;
  }
  const path = env.GITHUB_EVENT_PATH;
  if (path === undefined) return undefined;
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const event = JSON.parse(text) as { pull_request?: { number?: unknown } };
  const n = event.pull_request?.number;
  return typeof n === 'number' ? n : undefined;
}

/**
 * The repository and client for a command that only reads GitHub
 * (`audit --repo`, `metrics --repo`): GitHub is used only when --repo
 * names it. A missing name or token is refused in a reader's words,
 * before githubTarget would word it for the commands that write.
 */
export function readOnlyTarget(
  ctx: { values: ParsedValues; env: NodeJS.ProcessEnv; logger: Logger },
  withoutRepo: string,
): GithubTarget {
  const named = stringOption(ctx.values, 'repo') ?? '';
  if (named === '') {
    throw usageError('--repo needs owner/name', 'e.g. --repo acme/roles');
  }
  const token = ctx.env.GITHUB_TOKEN?.trim() ?? '';
  if (token === '') {
    throw usageError(
      `--repo ${named}: GITHUB_TOKEN is not set, so GitHub cannot be asked about its pull requests`,
      `export GITHUB_TOKEN with ${AUDIT_READ_ACCESS}, or drop --repo ${withoutRepo}`,
    );
  }
  const target = githubTarget(ctx.values, ctx.env, ctx.logger);
  if (target === undefined) throw new Error('a --repo target was expected');
  return target;
}
