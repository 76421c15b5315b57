import { spawn } from 'node:child_process';

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Someone who commits in the story; git takes them from the environment. */
export interface Person {
  name: string;
  email: string;
}

/**
 * Runs a program to completion, collecting its output. A non-zero exit
 * is an outcome, not an exception: several rolesmith steps are expected
 * to report findings with exit code 1, and the story says so.
 */
export function execute(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code: code ?? (signal === null ? 0 : 128), stdout, stderr });
    });
  });
}

/**
 * An environment for git as `who` at `date`, whatever the user's own git
 * config and clock: the story's commits get the same dates on every run.
 */
export function identityEnv(
  base: NodeJS.ProcessEnv,
  who: Person,
  date: string,
): NodeJS.ProcessEnv {
  return {
    ...base,
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    GIT_COMMITTER_DATE: date,
  };
}
