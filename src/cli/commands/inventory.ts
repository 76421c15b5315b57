import type { CommandSpec } from '../command.ts';
import { format, onBadRecord, output } from '../command-options.ts';

export const inventoryCommand: CommandSpec = {
  name: 'inventory',
  summary: 'Read inventory sources and report their data quality.',
  usage: 'rolesmith inventory <source…> [options]',
  options: {
    format: format(['text', 'json', 'markdown']),
    output,
    'identity-map': {
      type: 'string',
      valueName: 'file.csv',
      description:
        'CSV of id,canonical[,source] rows that correlate identities across sources.',
    },
    'on-bad-record': onBadRecord(
      'Stop at the first unreadable record (default), or skip and count them.',
    ),
    'stale-days': {
      type: 'string',
      valueName: 'days',
      description: 'Access unused this long is stale (default 90).',
    },
    strict: {
      type: 'boolean',
      description: 'Exit 1 when the report has error-level issues.',
    },
  },
  examples: [
    'rolesmith inventory ./hr-export',
    'rolesmith inventory aws:authz.json k8s:./manifests --format markdown',
    'rolesmith inventory csv:./hr github:acme --identity-map ids.csv',
  ],
  load: async () => (await import('../inventory-command.ts')).runInventory,
};
