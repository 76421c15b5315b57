import { resolve } from 'node:path';
import { createFsTree } from '../catalogue/index.ts';
import { compilePatterns } from '../checks/patterns.ts';
import { EXIT, usageError } from '../errors.ts';
import type { ProposalPlan } from '../evidence/proposal.ts';
import { planProposals } from '../evidence/proposal.ts';
import type { Forge, OpenProposal } from '../gitops/forge.ts';
import { githubForge, localForge } from '../gitops/forge.ts';
import { openRepo } from '../gitops/git-repo.ts';
import type { GitRepo } from '../gitops/git-repo.ts';
import { createGitTree } from '../gitops/git-tree.ts';
import { renderCommitMessage, trailersOf } from '../report/proposal-commit.ts';
import {
  parseProposalMarker,
  renderProposalBody,
} from '../report/proposal-markdown.ts';
import type { CommandContext } from './command.ts';
import { githubTarget } from './github-target.ts';
import type { CatalogueSides } from './propose-plan.ts';
import { judgePlan, readSides, roleFileChanges } from './propose-plan.ts';
import { stringOption } from './values.ts';
import { rolesmithVersion } from './version.ts';

interface ProposeOutcome {
  branch: string;
  title: string;
  url: string;
  pullRequest: 'created' | 'updated';
  commit: string;
  pushed: string;
  labels: string[];
  reviewers: { users: string[]; teams: string[] };
  roles: string[];
  findings: number;
}

/**
 * `rolesmith propose [dir]`: the role files that differ from the base
 * branch become branches, commits and pull requests (or local-forge
 * proposals), one per folder of roles/ or per role. Re-running updates
 * the same branches and pull requests, and closes the proposals that the
 * new ones supersede. Nothing in the working tree is touched.
 */
export async function runPropose(ctx: CommandContext): Promise<number> {
  const options = parseOptions(ctx);
  const dir = resolve(ctx.cwd, ctx.positionals[0] ?? '.');
  const repo = await openRepo(dir);
  const target = githubTarget(ctx.values, ctx.env, ctx.logger);
  // The same token authenticates git over HTTPS, with or without the API
  // (a local forge can still push to an authenticated remote).
  const token = ctx.env.GITHUB_TOKEN?.trim() || undefined;
  const forge: Forge =
    target === undefined
      ? localForge(await repo.gitDir())
      : githubForge(target.client, target);

  ctx.logger.progress('fetch the base branch', 0, 4);
  const baseRef = await repo.fetchBase({
    remote: options.remote,
    base: options.base,
    ...(token !== undefined && { token }),
  });
  const baseTree = await createGitTree(dir, baseRef);
  const working = createFsTree(dir);
  const sides = await readSides(baseTree, working);
  const changes = await roleFileChanges(baseTree, working, sides);
  if (changes.length === 0) {
    ctx.logger.info(
      `no role file differs from ${options.remote}/${options.base}`,
    );
  }
  const plans = planProposals(changes, {
    // Judged by the base's rules, as the gate judges the proposal.
    isCritical: compilePatterns(
      sides.before.catalogue.policies.leastPrivilege.critical,
    ),
    grouping: options.grouping,
    branchPrefix: options.prefix,
  });

  ctx.logger.progress('commit and push', 1, 4);
  const version = rolesmithVersion();
  const outcomes: ProposeOutcome[] = [];
  // Each branch is judged against the base as fetched for it; that is
  // the same commit for every plan unless the base moves meanwhile, so
  // the catalogue is read once per base commit, not once per plan.
  const sidesAt = new Map<string, Promise<CatalogueSides>>();
  const sidesFor = (base: string) => {
    let sides = sidesAt.get(base);
    if (sides === undefined) {
      sides = createGitTree(repo.dir, base).then((tree) =>
        readSides(tree, createFsTree(repo.dir)),
      );
      sidesAt.set(base, sides);
    }
    return sides;
  };
  for (const plan of plans) {
    outcomes.push(
      await proposeOne(ctx, {
        repo,
        forge,
        plan,
        options,
        version,
        token,
        sidesFor,
      }),
    );
  }

  ctx.logger.progress('close superseded proposals', 3, 4);
  const closed = await closeSuperseded(forge, plans, outcomes, options.prefix);
  ctx.logger.progress('done', 4, 4);

  if (options.format === 'json') {
    ctx.out(
      `${JSON.stringify({ forge: forge.name, proposals: outcomes, closed }, null, 2)}\n`,
    );
  } else {
    ctx.out(renderOutcomes(forge.name, outcomes, closed));
  }
  return EXIT.ok;
}

async function proposeOne(
  ctx: CommandContext,
  input: {
    repo: GitRepo;
    forge: Forge;
    plan: ProposalPlan;
    options: ProposeOptions;
    version: string;
    token: string | undefined;
    sidesFor: (base: string) => Promise<CatalogueSides>;
  },
): Promise<ProposeOutcome> {
  const { repo, forge, plan, options, version, token } = input;
  const auth = token === undefined ? {} : { token };
  const prepared = await repo.prepareBranch({
    branch: plan.branch,
    base: options.base,
    remote: options.remote,
    ...auth,
  });
  const { message, trailers } = renderCommitMessage(
    plan,
    trailersOf(plan, version),
  );
  const commit = await repo.commitFiles({
    branch: plan.branch,
    paths: plan.changes.map((c) => c.file),
    message,
    trailers: Object.fromEntries(trailers),
  });
  const pushed = await repo.push({
    remote: options.remote,
    branch: plan.branch,
    ...auth,
    // Also on a fresh clone (`created`) whose remote proposal predates a
    // base that moved on: the lease is what was just fetched.
    ...(prepared.forcePush && { force: 'with-lease' as const }),
  });
  ctx.logger.info(
    `${plan.branch}: ${pushed.status} at ${commit.commit.slice(0, 12)}`,
  );

  const sides = await input.sidesFor(prepared.base);
  const judged = judgePlan(sides, plan, {
    baseLabel: `${options.remote}/${options.base}`,
    today: ctx.today,
    version,
  });
  const opened = await forge.openOrUpdate({
    head: plan.branch,
    base: options.base,
    title: plan.title,
    body: renderProposalBody({
      plan,
      diff: judged.diff,
      check: judged.check,
      version,
    }),
    draft: options.draft,
    labels: plan.labels,
    reviewers: plan.reviewers,
  });
  return {
    branch: plan.branch,
    title: plan.title,
    url: opened.url,
    pullRequest: opened.created ? 'created' : 'updated',
    commit: commit.commit,
    pushed: pushed.status,
    labels: plan.labels,
    reviewers: plan.reviewers,
    roles: plan.roles,
    findings: judged.findings.length,
  };
}

/**
 * An open proposal whose roles all belong to the proposals just made
 * (under other branches, e.g. after switching --per) is superseded.
 */
async function closeSuperseded(
  forge: Forge,
  plans: readonly ProposalPlan[],
  outcomes: readonly ProposeOutcome[],
  prefix: string,
): Promise<string[]> {
  const current = new Set(plans.map((p) => p.branch));
  const owner = new Map<string, string>();
  for (const o of outcomes) for (const r of o.roles) owner.set(r, o.url);
  const closed: string[] = [];
  const open: OpenProposal[] = await forge.listOpen(prefix);
  for (const proposal of open) {
    if (current.has(proposal.head)) continue;
    const roles = parseProposalMarker(proposal.body)?.roles ?? [];
    if (roles.length === 0 || !roles.every((r) => owner.has(r))) continue;
    const by = [...new Set(roles.map((r) => owner.get(r) ?? ''))].join(', ');
    await forge.close(proposal, by);
    closed.push(proposal.url);
  }
  return closed;
}

interface ProposeOptions {
  base: string;
  remote: string;
  grouping: 'scope' | 'role';
  prefix: string;
  draft: boolean;
  format: 'text' | 'json';
}

function parseOptions(ctx: CommandContext): ProposeOptions {
  const per = stringOption(ctx.values, 'per') ?? 'scope';
  if (per !== 'scope' && per !== 'role') {
    throw usageError(
      `unknown --per "${per}"`,
      'scope (one per folder) or role',
    );
  }
  const format = stringOption(ctx.values, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw usageError(`unknown format "${format}"`, 'text or json');
  }
  const prefix = stringOption(ctx.values, 'branch-prefix') ?? 'rolesmith/';
  if (!/^[\w.-]+(\/[\w.-]+)*\/?$/.test(prefix)) {
    throw usageError(
      `--branch-prefix "${prefix}" is not a branch prefix`,
      'e.g. rolesmith/',
    );
  }
  return {
    base: stringOption(ctx.values, 'base') ?? 'main',
    remote: stringOption(ctx.values, 'remote') ?? 'origin',
    grouping: per,
    prefix,
    draft: ctx.values['draft'] === true,
    format,
  };
}

function reviewersOf(o: ProposeOutcome): string {
  const teams = o.reviewers.teams.map((t) => `team ${t}`);
  return [...o.reviewers.users, ...teams].join(', ') || 'none';
}

function renderOutcomes(
  forge: string,
  outcomes: readonly ProposeOutcome[],
  closed: readonly string[],
): string {
  if (outcomes.length === 0) return 'Nothing to propose.\n';
  const lines = [`Proposals (${forge}):`];
  for (const o of outcomes) {
    lines.push(
      `  ${o.pullRequest} ${o.url}`,
      `    ${o.title}`,
      `    branch ${o.branch} (${o.pushed}), ${o.roles.length} roles, ${o.findings} check findings`,
      `    labels ${o.labels.join(', ')}; reviewers ${reviewersOf(o)}`,
    );
  }
  for (const url of closed) lines.push(`  closed (superseded) ${url}`);
  return `${lines.join('\n')}\n`;
}
