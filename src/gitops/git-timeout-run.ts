import { spawn } from 'node:child_process';
import { RolesmithError } from '../errors.ts';
import { ALLOWED_GIT_ENV, baseGitEnv } from './git-auth.ts';
import { GitCommandError } from './git-run.ts';

/**
 * A git command stopped because it ran past its time; internal,
 * runRemote words it for the user.
 */
export class GitTimeoutError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly timeoutMs: number,
  ) {
    super(`git ${args[0] ?? ''} ran past ${String(timeoutMs)} ms`);
    this.name = 'GitTimeoutError';
  }
}

// After SIGTERM, how long git may take to remove its lock files.
const GRACE_MS = 2_000;

const POSIX = process.platform !== 'win32';

/**
 * One git command that talks to a remote, killed once it has run
 * `timeoutMs`. Not through simple-git, whose kill reaches git alone:
 * git runs its transport (`git remote-http`, ssh) as children that it
 * does not stop when killed, and those orphans would keep running and
 * hold the output pipes open, so the run would still hang. Here git
 * leads its own process group and the whole group is stopped: SIGTERM
 * first, so that git removes its lock files, SIGKILL if it lingers.
 *
 * Its own session also means no controlling terminal: ssh cannot prompt
 * for a passphrase or a host key, and fails instead of waiting for an
 * answer, as git's own prompts do under GIT_TERMINAL_PROMPT=0 (an ssh
 * agent unlocks keys without a prompt).
 *
 * The environment is built as for runGit: an unexpected GIT_* variable
 * in `env` is refused, as simple-git refuses it there.
 */
export function runGitWithTimeout(
  dir: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<string> {
  const allowed = new Set(ALLOWED_GIT_ENV);
  for (const key of Object.keys(env)) {
    if (key.toUpperCase().startsWith('GIT_') && !allowed.has(key)) {
      throw new Error(`${key} is not a variable rolesmith passes to git`);
    }
  }
  return new Promise((done, fail) => {
    const child = spawn('git', args, {
      cwd: dir,
      env: { ...baseGitEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: POSIX,
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    let lingering: NodeJS.Timeout | undefined;
    const stop = (signal: NodeJS.Signals) => {
      try {
        if (POSIX && child.pid !== undefined) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // The group is gone already.
      }
    };
    const deadline = setTimeout(() => {
      timedOut = true;
      stop('SIGTERM');
      lingering = setTimeout(() => {
        stop('SIGKILL');
        // Whatever still holds the pipes is not waited for.
        child.stdout.destroy();
        child.stderr.destroy();
        finish(null);
      }, GRACE_MS);
    }, timeoutMs);
    let settled = false;
    const finish = (code: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(lingering);
      if (timedOut) {
        fail(new GitTimeoutError(args, timeoutMs));
        return;
      }
      const out = Buffer.concat(stdout).toString('utf8');
      if (code === 0) {
        done(out);
        return;
      }
      fail(
        new GitCommandError(
          args,
          code ?? -1,
          out,
          Buffer.concat(stderr).toString('utf8'),
        ),
      );
    };
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(lingering);
      fail(
        new RolesmithError(`cannot run git ${args[0] ?? ''}`, {
          code: 'git',
          expected: 'git 2.31 or later on the PATH',
          cause: error,
        }),
      );
    });
    child.on('close', (code) => {
      finish(code);
    });
  });
}
