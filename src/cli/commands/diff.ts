import type { CommandSpec } from '../command.ts';
import { format, inventory, output, today } from '../command-options.ts';

export const diffCommand: CommandSpec = {
  name: 'diff',
  summary: 'Show what a change to roles means for access and metrics.',
  usage: 'rolesmith diff [dir] [options]',
  options: {
    base: {
      type: 'string',
      valueName: 'git-ref',
      description:
        'Compare with the catalogue at this ref (default HEAD); its ' +
        'policies classify critical and SoD access.',
    },
    from: {
      type: 'string',
      valueName: 'dir',
      description:
        'Compare with the catalogue in this folder instead of a git ref.',
    },
    inventory: inventory(
      'Inventory that resolves attribute criteria to members; repeatable.',
    ),
    format: format(['text', 'json', 'markdown']),
    output,
    today: today(
      'Count exceptions in force on this day (default: today, UTC).',
    ),
  },
  examples: [
    'rolesmith diff',
    'rolesmith diff --base origin/main --inventory access.txt',
    'rolesmith diff --from ../catalogue-before --format markdown -o diff.md',
  ],
  load: async () => (await import('../diff-command.ts')).runDiff,
};
