import type { CommandSpec } from './command.ts';
import { auditCommand } from './commands/audit.ts';
import { checkCommand } from './commands/check.ts';
import { codeownersCommand } from './commands/codeowners.ts';
import { commentCommand } from './commands/comment.ts';
import { diffCommand } from './commands/diff.ts';
import { driftCommand } from './commands/drift.ts';
import { explainCommand } from './commands/explain.ts';
import { inventoryCommand } from './commands/inventory.ts';
import { metricsCommand } from './commands/metrics.ts';
import { mineCommand } from './commands/mine.ts';
import { proposeCommand } from './commands/propose.ts';
import { reportCommand } from './commands/report.ts';
import { verifyCommand } from './commands/verify.ts';

// Help and dispatch take the global options from here with the commands.
export { GLOBAL_OPTIONS } from './command-options.ts';

/**
 * The command tree, in the order `rolesmith --help` lists it: declarations
 * only; behaviour is loaded lazily.
 */
export const COMMANDS: CommandSpec[] = [
  auditCommand,
  checkCommand,
  codeownersCommand,
  commentCommand,
  diffCommand,
  driftCommand,
  explainCommand,
  inventoryCommand,
  mineCommand,
  proposeCommand,
  verifyCommand,
  reportCommand,
  metricsCommand,
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}
