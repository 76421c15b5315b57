import { GitError, simpleGit } from 'simple-git';
import type { SimpleGit } from 'simple-git';
import { RolesmithError } from '../errors.ts';
import { ALLOWED_GIT_ENV, baseGitEnv } from './git-auth.ts';

/**
 * A git command that exited non-zero; internal, never shown as is. It
 * extends simple-git's GitError because simple-git wraps any other error
 * into one, losing the fields.
 */
export class GitCommandError extends GitError {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(undefined, `git ${args[0] ?? ''} exited ${exitCode}`);
    this.name = 'GitCommandError';
  }
}

// Long argument lists go in chunks well below Windows' 32k limit.
const ARGS_CHUNK_CHARS = 16_000;

export function literal(path: string): string {
  // Paths are names, not patterns: `roles/*.yaml` means that one file.
  return `:(literal)${path}`;
}

export function splitZ(out: string): string[] {
  return out.split('\0').filter((entry) => entry !== '');
}

export function chunks(items: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const item of items) {
    if (current.length > 0 && size + item.length + 1 > ARGS_CHUNK_CHARS) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += item.length + 1;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function makeGit(
  dir: string,
  env: Record<string, string>,
  input: string | undefined,
): SimpleGit {
  return simpleGit({
    baseDir: dir,
    allowEnvironment: ALLOWED_GIT_ENV,
    // Set only through the environment, to reset the user's helpers
    // while a token is in use (see git-auth.ts).
    allowConfig: ['credential.helper'],
    // Every non-zero exit is a failure here, stderr or not (merge-base
    // --is-ancestor answers "no" with exit 1 and no output).
    errors(error, result) {
      if (result.exitCode === 0) return error;
      return new GitCommandError(
        [],
        result.exitCode,
        Buffer.concat(result.stdOut).toString('utf8'),
        Buffer.concat(result.stdErr).toString('utf8'),
      );
    },
    ...(input !== undefined && { input: () => input }),
  }).env({ ...baseGitEnv(), ...env });
}

/**
 * One git command through simple-git. Note: simple-git waits an extra
 * 50 ms after a command that printed nothing, so the commands run per
 * proposal are chosen (or flagged, --verbose, --stdin transactions) to
 * say something.
 */
export async function runGit(
  dir: string,
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<string> {
  try {
    return await makeGit(dir, env, input).raw(args);
  } catch (error) {
    if (error instanceof GitCommandError) {
      throw new GitCommandError(
        args,
        error.exitCode,
        error.stdout,
        error.stderr,
      );
    }
    throw new RolesmithError(`cannot run git ${args[0] ?? ''}`, {
      code: 'git',
      expected: 'git 2.31 or later on the PATH',
      cause: error,
    });
  }
}
