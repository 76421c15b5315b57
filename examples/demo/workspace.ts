import { copyFile, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { Outcome, Person } from './process.ts';
import { execute, identityEnv } from './process.ts';

/** The folders of the demo: a "server", two clones and the inputs. */
export interface Workspace {
  root: string;
  /** The bare repository that plays the part of the hosted remote. */
  remote: string;
  /** The IAM engineer's clone, where mining and proposing happen. */
  catalogue: string;
  /** The reviewer's clone, where proposals are reviewed and merged. */
  reviewer: string;
  /** The sample organisation's inventory (copied, never committed). */
  inventory: string;
  /** Full output of every step, for reading after the demo. */
  logs: string;
  /** Environment for every child: no GitHub, no personal git config. */
  env: NodeJS.ProcessEnv;
  /** The story's clock: each call is a few minutes after the last. */
  tick(): string;
}

/**
 * A new or empty folder for the workspace, or a fresh temporary one.
 * An existing folder with content is refused rather than mixed with.
 */
export async function createRoot(wanted: string | undefined): Promise<string> {
  if (wanted === undefined) {
    return mkdtemp(join(tmpdir(), 'rolesmith-demo-'));
  }
  const root = resolve(wanted);
  const entries = await readdir(root).catch(() => undefined);
  if (entries !== undefined && entries.length > 0) {
    throw new Error(
      `--workspace ${root} is not empty; give a new or empty folder`,
    );
  }
  await mkdir(root, { recursive: true });
  return root;
}

/**
 * The environment the demo's children run in. GitHub settings are
 * removed so that `propose` uses the local forge whatever the user has
 * exported, and git reads only the workspace's own configuration, so a
 * personal `commit.gpgsign` or hook cannot break the story.
 */
export function childEnv(root: string, day: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(GITHUB_|GH_|GIT_)/.test(name),
    ),
  );
  return {
    ...env,
    GIT_CONFIG_GLOBAL: join(root, '.gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    NO_COLOR: '1',
    // The story's day for every rolesmith date judgement (review dates,
    // mitigation expiry), so that it reads the same in any year.
    ROLESMITH_TODAY: day,
  };
}

export async function prepareWorkspace(
  root: string,
  day: string,
): Promise<Workspace> {
  const env = childEnv(root, day);
  await writeFile(
    join(root, '.gitconfig'),
    [
      '[init]',
      '\tdefaultBranch = main',
      '[commit]',
      '\tgpgsign = false',
      '[advice]',
      '\tdetachedHead = false',
      '',
    ].join('\n'),
  );
  const ws: Workspace = {
    root,
    remote: join(root, 'remote.git'),
    catalogue: join(root, 'catalogue'),
    reviewer: join(root, 'reviewer'),
    inventory: join(root, 'inventory'),
    logs: join(root, 'logs'),
    env,
    tick: storyClock(day),
  };
  await mkdir(ws.logs, { recursive: true });
  return ws;
}

/** Runs git in `cwd` as `who`; fails loudly, since the story needs it. */
export async function git(
  ws: Workspace,
  cwd: string,
  who: Person,
  ...args: string[]
): Promise<Outcome> {
  const outcome = await execute('git', args, {
    cwd,
    env: identityEnv(ws.env, who, ws.tick()),
  });
  if (outcome.code !== 0) {
    throw new Error(
      `git ${args.join(' ')} failed in ${cwd} (exit ${outcome.code}):\n` +
        outcome.stderr.trim(),
    );
  }
  return outcome;
}

/** Copies a folder's files; `skip` names entries left out at its top. */
export async function copyTree(
  from: string,
  to: string,
  skip: readonly string[] = [],
): Promise<number> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  let copied = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const source = join(entry.parentPath, entry.name);
    const path = relative(from, source);
    if (skip.some((s) => path === s || path.startsWith(`${s}/`))) continue;
    await mkdir(dirname(join(to, path)), { recursive: true });
    await copyFile(source, join(to, path));
    copied += 1;
  }
  return copied;
}

/**
 * Timestamps from 09:00 UTC on `day`, three minutes apart: commits and
 * merges keep their order, and a rerun makes the same history.
 */
function storyClock(day: string): () => string {
  let minutes = 0;
  return () => {
    const at = new Date(Date.parse(`${day}T09:00:00Z`) + minutes * 60_000);
    minutes += 3;
    return at.toISOString().replace('.000Z', 'Z');
  };
}
