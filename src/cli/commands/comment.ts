import type { CommandSpec } from '../command.ts';
import { forgeTarget } from '../command-options.ts';

export const commentCommand: CommandSpec = {
  name: 'comment',
  summary: 'Post the check result and access impact as one sticky PR comment.',
  usage: 'rolesmith comment [dir] --base <ref> [options]',
  options: {
    base: {
      type: 'string',
      valueName: 'ref',
      description: 'Judge the change against the policies at this ref.',
    },
    pr: {
      type: 'string',
      valueName: 'number',
      description:
        'The pull request (default: the one in GITHUB_EVENT_PATH under Actions).',
    },
    ...forgeTarget,
    author: {
      type: 'string',
      valueName: 'login',
      description:
        'The login the token writes as, when GET /user is not allowed (GitHub App tokens).',
    },
  },
  examples: [
    'rolesmith comment --base origin/main',
    'rolesmith comment --base origin/main --repo acme/roles --pr 42',
  ],
  load: async () => (await import('../comment-command.ts')).runComment,
};
