import { resolve } from 'node:path';
import { EXIT, usageError } from '../errors.ts';
import { upsertStickyComment } from '../gitops/github-comments.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { checkCatalogue } from './check-run.ts';
import type { CommandContext } from './command.ts';
import { githubTarget, pullNumber } from './github-target.ts';
import { stringOption } from './values.ts';
import { rolesmithVersion } from './version.ts';

/** The marker that makes the check comment sticky. */
const MARKER = 'check';

/**
 * `rolesmith comment [dir] --base <ref>`: the `check` result and access
 * impact as one pull-request comment, edited in place on every push.
 * Without GitHub configured it prints the comment instead, so the same
 * step can be tried locally.
 */
export async function runComment(ctx: CommandContext): Promise<number> {
  const base = stringOption(ctx.values, 'base');
  if (base === undefined) {
    throw usageError(
      'comment needs the base branch to judge the change against',
      'rolesmith comment --base origin/main',
    );
  }
  const dir = resolve(ctx.cwd, ctx.positionals[0] ?? '.');
  const today =
    ctx.env.ROLESMITH_TODAY ?? new Date().toISOString().slice(0, 10);
  const run = await checkCatalogue({ dir, base, today, logger: ctx.logger });
  const body = renderMarkdown({
    tool: { name: 'rolesmith', version: rolesmithVersion() },
    findings: run.placed,
    ...(run.change !== undefined && { impact: run.change.impact }),
    files: run.current.files,
    failOn: 'error',
  });

  const target = githubTarget(ctx.values, ctx.env, ctx.logger);
  if (target === undefined) {
    ctx.logger.info('no GitHub repository configured: printing the comment');
    ctx.out(body);
    return EXIT.ok;
  }
  const number = await pullNumber(ctx.values, ctx.env);
  if (number === undefined) {
    throw usageError(
      'no pull request to comment on',
      '--pr <number>, or run in a pull_request workflow (GITHUB_EVENT_PATH)',
    );
  }
  const author = stringOption(ctx.values, 'author');
  const comment = await upsertStickyComment(target.client, {
    owner: target.owner,
    repo: target.repo,
    number,
    marker: MARKER,
    body,
    ...(author !== undefined && { author }),
  });
  ctx.logger.info(
    `${comment.created ? 'posted' : 'updated'} the check comment on ` +
      `${target.owner}/${target.repo}#${number}`,
  );
  return EXIT.ok;
}
