import type { CommandSpec } from '../command.ts';
import {
  failOn,
  format,
  onBadRecord,
  output,
  today,
} from '../command-options.ts';

export const driftCommand: CommandSpec = {
  name: 'drift',
  summary: 'Compare actual access with the approved catalogue.',
  usage: 'rolesmith drift <source…> [options]',
  options: {
    catalogue: {
      type: 'string',
      valueName: 'dir',
      description:
        'The catalogue folder with roles/ and exceptions/ (default: the current folder).',
    },
    'unused-days': {
      type: 'string',
      valueName: 'days',
      description:
        'Approved access unused this long before the newest record is reported (default 90).',
    },
    'on-bad-record': onBadRecord(),
    format: format(['text', 'json', 'sarif', 'github', 'markdown', 'junit']),
    output,
    'fail-on': failOn('warning'),
    today: today(
      'Judge exception expiry as of this day (default: today, UTC).',
    ),
  },
  examples: [
    'rolesmith drift ./hr-export',
    'rolesmith drift ./hr-export aws:authz.json --catalogue catalogue ' +
      '--format sarif -o drift.sarif',
    'rolesmith drift access.txt --unused-days 180 --fail-on never',
  ],
  load: async () => (await import('../drift-command.ts')).runDrift,
};
