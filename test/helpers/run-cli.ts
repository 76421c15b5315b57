import { runCli } from '../../src/cli/run.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as `rolesmith <argv>` would from `cwd`. */
export async function runRolesmith(
  argv: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    cwd,
    env: { ROLESMITH_TODAY: '2026-12-03', NO_COLOR: '1', ...env },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}
