import type { CommandSpec } from '../command.ts';
import {
  branchPrefix,
  format,
  githubReadUrl,
  inventory,
  output,
  repo,
} from '../command-options.ts';

export const metricsCommand: CommandSpec = {
  name: 'metrics',
  summary:
    'Show whether role mining helps: measures at each commit, as a trend.',
  usage: 'rolesmith metrics [dir] [options]',
  options: {
    branch: {
      type: 'string',
      valueName: 'branch',
      description:
        'The branch whose first-parent history is measured (default main).',
    },
    limit: {
      type: 'string',
      valueName: 'n',
      description: 'Measure the last n commits of the branch (default 50).',
    },
    inventory: inventory(
      'Inventory that gives member kinds (for mixed roles) and resolves criteria; repeatable.',
    ),
    'pack-seconds': {
      type: 'string',
      valueName: 'seconds',
      description:
        'How long producing the evidence pack took, to show beside the other figures.',
    },
    'branch-prefix': branchPrefix,
    repo: repo(
      'Count proposals from the pull requests of this GitHub ' +
        'repository (the token from GITHUB_TOKEN): acceptance, time ' +
        'to approval and to merge.',
    ),
    'github-url': githubReadUrl,
    format: format(['text', 'json', 'markdown']),
    output,
  },
  examples: [
    'rolesmith metrics',
    'rolesmith metrics --repo acme/roles',
    'rolesmith metrics --limit 200 --inventory ./hr-export',
    'rolesmith metrics --format markdown -o metrics.md',
  ],
  load: async () => (await import('../metrics-command.ts')).runMetrics,
};
