import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { CliResult } from './run-cli.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(REPO_ROOT, 'src', 'cli', 'main.ts');
const TSX = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

export interface SpawnedResult extends CliResult {
  /** Wall-clock milliseconds from spawn to exit. */
  ms: number;
}

/**
 * Runs `rolesmith <argv>` as its own process, for what only a process
 * shows: the environment git inherits (GIT_SSH_COMMAND, the git
 * timeouts), and how long a hang lasts. The environment is this one's
 * minus anything of GitHub, git or rolesmith, plus `env`. A run past
 * `killAfterMs` is killed, so a regression fails instead of hanging.
 */
export function spawnRolesmith(
  argv: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  killAfterMs = 60_000,
): Promise<SpawnedResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(GITHUB_|GIT_|ROLESMITH_)/i.test(key),
    ),
  );
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', TSX, MAIN, ...argv], {
    cwd,
    env: {
      ...inherited,
      ROLESMITH_TODAY: '2026-12-03',
      NO_COLOR: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: killAfterMs,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => {
      done({
        code: code ?? (signal === null ? -1 : 128),
        stdout,
        stderr,
        ms: Date.now() - started,
      });
    });
  });
}
