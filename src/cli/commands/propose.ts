import type { CommandSpec } from '../command.ts';
import { branchPrefix, forgeTarget, format } from '../command-options.ts';

export const proposeCommand: CommandSpec = {
  name: 'propose',
  summary: 'Propose changed role files as branches and pull requests.',
  usage: 'rolesmith propose [dir] [options]',
  options: {
    base: {
      type: 'string',
      valueName: 'branch',
      description: 'The branch the proposals are for (default main).',
    },
    remote: {
      type: 'string',
      valueName: 'name',
      description: 'The git remote to push to (default origin).',
    },
    per: {
      type: 'string',
      valueName: 'scope|role',
      description:
        'One pull request per folder of roles/ (default) or per role.',
    },
    'branch-prefix': branchPrefix,
    draft: {
      type: 'boolean',
      description: 'Open new pull requests as drafts.',
    },
    ...forgeTarget,
    format: format(['text', 'json']),
  },
  examples: [
    'rolesmith propose',
    'rolesmith propose --per role --draft',
    'GITHUB_TOKEN=… rolesmith propose --repo acme/roles',
  ],
  load: async () => (await import('../propose-command.ts')).runPropose,
};
