import type { CommandSpec } from '../command.ts';
import { format, onBadRecord, output } from '../command-options.ts';

export const mineCommand: CommandSpec = {
  name: 'mine',
  summary: 'Mine candidate roles from inventory sources.',
  usage: 'rolesmith mine <source…> [options]',
  options: {
    exact: {
      type: 'boolean',
      description:
        'Reproduce the input exactly with as few roles as possible (proven lower bound).',
    },
    objective: {
      type: 'string',
      valueName: 'roles|wsc',
      description: 'With --exact: minimise the role count (default) or WSC.',
    },
    'time-limit': {
      type: 'string',
      valueName: 'seconds',
      description: 'With --exact: solver time limit (default 60).',
    },
    'min-members': {
      type: 'string',
      valueName: 'n',
      description: 'A candidate role needs at least n members (default 3).',
    },
    'min-support': {
      type: 'string',
      valueName: '0..1',
      description:
        'Share of a peer group that must hold an entitlement for it to ' +
        'join the role (default 0.6).',
    },
    'unused-days': {
      type: 'string',
      valueName: 'days',
      description:
        'Access unused this long (before the newest record) stays out of roles (default 180).',
    },
    policies: {
      type: 'string',
      valueName: 'dir',
      description:
        'A policies/ folder: no candidate may hold a toxic combination by itself.',
    },
    'on-bad-record': onBadRecord(),
    write: {
      type: 'string',
      valueName: 'dir',
      description:
        'Write candidates as role files into this roles/ folder, ' +
        'reconciled with the roles already there.',
    },
    owner: {
      type: 'string',
      multiple: true,
      valueName: 'team',
      description:
        'With --write: owner of new role files, e.g. @acme/iam (repeatable).',
    },
    format: format(['text', 'json']),
    output,
  },
  examples: [
    'rolesmith mine ./hr-export --policies policies',
    'rolesmith mine ./hr-export --policies policies --write roles --owner @acme/iam',
    'rolesmith mine access.txt --exact --format json',
    'rolesmith mine access.txt --exact --objective wsc',
  ],
  load: async () => (await import('../mine-command.ts')).runMine,
};
