import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Narrator } from './narrator.ts';
import type { Outcome, Person } from './process.ts';
import { execute, identityEnv } from './process.ts';
import type { Workspace } from './workspace.ts';

/** Where the built CLI lives; `npm ci` builds it. */
export const CLI = join(
  import.meta.dirname,
  '..',
  '..',
  'dist',
  'cli',
  'main.js',
);

export interface RunOptions {
  /** The log file's name under logs/, e.g. `03-mine`. */
  log: string;
  cwd: string;
  who: Person;
  /** Exit codes the story expects; anything else stops the demo. */
  expect?: readonly number[];
}

/**
 * Runs one rolesmith command as a user would, shows the command line
 * (unless no narrator is given: a second run for JSON figures is quiet)
 * with its working folder, so it can be replayed there, and keeps its
 * whole output in the step's log file.
 */
export async function rolesmith(
  ws: Workspace,
  narrator: Narrator | undefined,
  args: readonly string[],
  options: RunOptions,
): Promise<Outcome> {
  narrator?.command(`rolesmith ${args.join(' ')}`);
  const outcome = await execute(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: identityEnv(ws.env, options.who, ws.tick()),
  });
  const where = relative(ws.root, options.cwd) || '.';
  await writeFile(
    join(ws.logs, `${options.log}.txt`),
    [
      `# in ${where}: rolesmith ${args.join(' ')}`,
      `# exit code ${outcome.code}`,
      '',
      outcome.stdout,
      outcome.stderr === '' ? '' : `# stderr\n${outcome.stderr}`,
    ].join('\n'),
  );
  const expected = options.expect ?? [0];
  if (!expected.includes(outcome.code)) {
    throw new Error(
      `rolesmith ${args.join(' ')} exited with ${outcome.code} ` +
        `(expected ${expected.join(' or ')}); its output is in ` +
        `${join(ws.logs, `${options.log}.txt`)}:\n${outcome.stderr.trim()}`,
    );
  }
  return outcome;
}

/**
 * The same command twice at once: as text for the reader, and quietly as
 * JSON (into logs/) for the figures the story quotes. Two cores make the
 * pair cost about as much as one.
 */
export async function rolesmithWithJson(
  ws: Workspace,
  narrator: Narrator,
  args: readonly string[],
  options: RunOptions,
): Promise<{ text: Outcome; json: unknown }> {
  const file = join(ws.logs, `${options.log}.json`);
  const [text] = await Promise.all([
    rolesmith(ws, narrator, args, options),
    rolesmith(ws, undefined, [...args, '--format', 'json', '-o', file], {
      ...options,
      log: `${options.log}-json`,
    }),
  ]);
  return { text, json: JSON.parse(await readFile(file, 'utf8')) as unknown };
}
