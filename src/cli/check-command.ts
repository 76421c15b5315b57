import type { CommandContext } from './command.ts';

// TODO: what is missing: the check pipeline is wired in the next commit.
export function runCheck(ctx: CommandContext): Promise<number> {
  ctx.out('check: not wired yet\n');
  return Promise.resolve(0);
}
