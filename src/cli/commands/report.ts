import type { CommandSpec } from '../command.ts';
import { inventory, today } from '../command-options.ts';

export const reportCommand: CommandSpec = {
  name: 'report',
  summary:
    'Write a self-contained HTML report: trends, role cards, SoD matrix, findings.',
  usage: 'rolesmith report [dir] [options]',
  options: {
    inventory: inventory(
      'Inventory for drift findings and to resolve attribute criteria; repeatable.',
    ),
    output: {
      type: 'string',
      short: 'o',
      valueName: 'file',
      description: 'The HTML file, written atomically (default report.html).',
    },
    history: {
      type: 'string',
      valueName: 'n',
      description:
        'Chart the last n commits that changed roles/ or exceptions/ (default 20).',
    },
    today: today('Evaluate dates as of this day (default: today, UTC).'),
  },
  examples: [
    'rolesmith report',
    'rolesmith report --inventory access.txt -o report.html',
    'rolesmith report catalogue --history 50',
  ],
  load: async () => (await import('../report-command.ts')).runReport,
};
