import type { CommandSpec } from '../command.ts';
import {
  failOn,
  format,
  inventory,
  output,
  today,
} from '../command-options.ts';

export const checkCommand: CommandSpec = {
  name: 'check',
  summary: 'Validate a role catalogue against its policies.',
  usage: 'rolesmith check [dir] [options]',
  options: {
    base: {
      type: 'string',
      valueName: 'git-ref',
      description:
        'Judge roles with the policies as they are at this ref, and report ' +
        'the access impact of the change.',
    },
    inventory: inventory(
      'Inventory to check against (pair file, CSV folder, …); repeatable.',
    ),
    format: format(['text', 'json', 'sarif', 'github', 'markdown', 'junit']),
    output,
    'fail-on': failOn('error'),
    strict: {
      type: 'boolean',
      description: 'Fail on warnings too (same as --fail-on warning).',
    },
    today: today('Evaluate dates as of this day (default: today, UTC).'),
  },
  examples: [
    'rolesmith check',
    'rolesmith check --base origin/main --format sarif -o check.sarif',
    'rolesmith check --inventory access.txt --fail-on warning',
  ],
  load: async () => (await import('../check-command.ts')).runCheck,
};
