import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalForge } from '../../src/gitops/local-forge.ts';
import { rolesmith } from './rolesmith.ts';
import type { Story } from './story.ts';
import { approvedBy, PEOPLE } from './story.ts';
import { git } from './workspace.ts';

interface ProposeJson {
  proposals: {
    branch: string;
    title: string;
    roles: string[];
    labels: string[];
  }[];
}

/** The candidates become proposal branches with their descriptions. */
export async function propose(story: Story): Promise<void> {
  const { ws, narrator } = story;
  const outcome = await rolesmith(
    ws,
    narrator,
    ['propose', '--format', 'json'],
    {
      log: '05-propose',
      cwd: ws.catalogue,
      who: PEOPLE.miner,
    },
  );
  const result = JSON.parse(outcome.stdout) as ProposeJson;
  narrator.list(
    result.proposals.map(
      (p) => `${p.branch}: ${p.title} [${p.labels.join(', ')}]`,
    ),
  );
  story.facts.proposals = result.proposals.map((p) => ({
    branch: p.branch,
    roles: p.roles,
    merged: false,
  }));
  // The candidates now live on their branches; Mia's working tree goes
  // back to main so that it can follow what the reviewers merge.
  await git(ws, ws.catalogue, PEOPLE.miner, 'checkout', '-q', '--', 'roles');
  await git(ws, ws.catalogue, PEOPLE.miner, 'clean', '-fdq', '--', 'roles');
  narrator.say(
    `${result.proposals.length} proposals, one per folder of roles/, each ` +
      'a branch pushed to remote.git with a description for the reviewer ' +
      '(summary, evidence table, access impact, check result). Without ' +
      'GitHub configured they are kept by the local forge in ' +
      'catalogue/.git/rolesmith/proposals/.',
  );
}

/**
 * Rita reviews each proposal in her own clone: she reads the description,
 * records the review date the catalogue's schema requires, runs the gate
 * as CI would (judged by main's policies) and merges with her approval
 * in a trailer, the offline form of a GitHub approval.
 */
export async function reviewAndMerge(story: Story): Promise<void> {
  const { ws, narrator } = story;
  const rita = PEOPLE.reviewer;
  await git(ws, ws.root, rita, 'clone', '-q', ws.remote, ws.reviewer);
  // Reviews and gates of different proposals are independent, as pull
  // requests are: two at a time, each in a worktree of Rita's clone. The
  // worktrees are added one by one, as adding one writes .git/config.
  const trees: string[] = [];
  for (const { branch } of story.facts.proposals) {
    const tree = join(ws.root, 'review', logName(branch));
    await git(
      ws,
      ws.reviewer,
      rita,
      'worktree',
      'add',
      '-q',
      '--no-track',
      '-b',
      branch,
      tree,
      `origin/${branch}`,
    );
    trees.push(tree);
  }
  const reviewed = await inPairs(story.facts.proposals, (proposal, i) =>
    review(story, trees[i] ?? '', proposal.branch, proposal.roles),
  );
  for (const tree of trees) {
    await git(ws, ws.reviewer, rita, 'worktree', 'remove', tree);
  }
  narrator.say(
    'For each proposal Rita records the review date in its role files, ' +
      'runs the gate as CI would (`rolesmith check --base origin/main`, ' +
      "judged by main's policies) and merges with her approval:",
  );
  const forge = new LocalForge(join(ws.catalogue, '.git'));
  for (const [i, proposal] of story.facts.proposals.entries()) {
    const { branch } = proposal;
    await mergeApproved(story, ws.reviewer, branch);
    await git(ws, ws.reviewer, rita, 'push', '-q', 'origin', 'main', branch);
    await forge.close(branch);
    proposal.merged = true;
    narrator.list([
      `${branch}: ${countRoles(reviewed[i] ?? 0)} reviewed, gate passed, ` +
        'merged',
    ]);
  }
  await rm(join(ws.root, 'review'), { recursive: true, force: true });
  await git(ws, ws.catalogue, PEOPLE.miner, 'pull', '-q', '--ff-only');
  narrator.say(
    'Each merge commit names Rita in an Approved-by trailer, the offline ' +
      'form of an approval; with GitHub, `audit --repo` reads the reviews ' +
      'and checks from the API instead.',
  );
}

/**
 * One proposal's review in its own worktree: the review date recorded
 * in each changed role file, committed, and the gate run on the result.
 * Returns how many role files were reviewed.
 */
async function review(
  story: Story,
  tree: string,
  branch: string,
  roles: readonly string[],
): Promise<number> {
  const { ws } = story;
  const rita = PEOPLE.reviewer;
  const changed = await changedRoleFiles(story, tree, branch);
  for (const path of changed) {
    await recordReview(join(tree, path), story.today);
  }
  await git(ws, tree, rita, 'add', '--', ...changed);
  await git(
    ws,
    tree,
    rita,
    'commit',
    '-q',
    '-m',
    `Record the review of ${roles.join(', ')}`,
  );
  const log = `06-gate-${logName(branch)}`;
  const gate = await rolesmith(
    ws,
    undefined,
    ['check', '--base', 'origin/main'],
    {
      log,
      cwd: tree,
      who: rita,
      expect: [0, 1],
    },
  );
  if (gate.code !== 0) {
    throw new Error(
      `the gate failed on ${branch} after review; see logs/${log}.txt`,
    );
  }
  return changed.length;
}

/** Maps with at most two calls in flight (the machines have two cores). */
async function inPairs<T, R>(
  items: readonly T[],
  run: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i] as T, i);
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

async function changedRoleFiles(
  story: Story,
  tree: string,
  branch: string,
): Promise<string[]> {
  const diff = await git(
    story.ws,
    tree,
    PEOPLE.reviewer,
    'diff',
    '--name-only',
    '--diff-filter=AM',
    `origin/main...${branch}`,
    '--',
    'roles',
  );
  return diff.stdout.split('\n').filter((p) => p.endsWith('.yaml'));
}

/**
 * Sets review.last_reviewed as a one-line edit, so that the reviewer's
 * commit shows exactly that line and nothing reformatted.
 */
async function recordReview(path: string, today: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const line = `  last_reviewed: ${today}`;
  const edited = /^ {2}last_reviewed: .*$/m.test(text)
    ? text.replace(/^ {2}last_reviewed: .*$/m, line)
    : text.replace(/^review:\n/m, `review:\n${line}\n`);
  if (edited === text && !text.includes(line)) {
    throw new Error(`${path} has no review block to record the review in`);
  }
  await writeFile(path, edited);
}

function logName(branch: string): string {
  return branch.replaceAll('/', '-');
}

/**
 * Rita merges `branch` into the checked-out main of `cwd`, with her
 * approval in an Approved-by trailer: the offline form of a review.
 */
export async function mergeApproved(
  story: Story,
  cwd: string,
  branch: string,
): Promise<void> {
  await git(
    story.ws,
    cwd,
    PEOPLE.reviewer,
    'merge',
    '-q',
    '--no-ff',
    branch,
    '-m',
    `Merge branch '${branch}'\n\n${approvedBy()}`,
  );
}

function countRoles(n: number): string {
  return n === 1 ? '1 role' : `${n} roles`;
}
