import type { CommandSpec } from '../command.ts';
import { format, inventory, onBadRecord, output } from '../command-options.ts';

export const explainCommand: CommandSpec = {
  name: 'explain',
  summary: 'Recompute the evidence of role files; show what changed since.',
  usage: 'rolesmith explain <role file…> --inventory <source>… [options]',
  options: {
    inventory: inventory(
      'Inventory to recompute the evidence from, as given to mine; repeatable.',
    ),
    'on-bad-record': onBadRecord(),
    format: format(['text', 'json', 'markdown']),
    output,
  },
  examples: [
    'rolesmith explain roles/finance/ap-clerk.yaml --inventory ./hr-export',
    'rolesmith explain roles/*/*.yaml --inventory ./hr --inventory aws:authz.json --format json',
  ],
  load: async () => (await import('../explain-command.ts')).runExplain,
};
