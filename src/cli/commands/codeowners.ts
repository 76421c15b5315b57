import type { CommandSpec } from '../command.ts';

export const codeownersCommand: CommandSpec = {
  name: 'codeowners',
  summary: 'Generate .github/CODEOWNERS from role and policy owners.',
  usage: 'rolesmith codeowners [dir] [options]',
  options: {
    output: {
      type: 'string',
      short: 'o',
      valueName: 'file',
      description:
        'The CODEOWNERS file (default .github/CODEOWNERS in the repository).',
    },
    check: {
      type: 'boolean',
      description:
        'Write nothing; exit 1 and show the difference when the file is out of date.',
    },
    root: {
      type: 'string',
      valueName: 'dir',
      description:
        'The repository root that CODEOWNERS paths start from (default: ' +
        'the nearest folder with .git).',
    },
    'fallback-owner': {
      type: 'string',
      multiple: true,
      valueName: 'owner',
      description:
        'Owner of roles/ files without a line of their own (default: the ' +
        'policy owners); repeatable.',
    },
    'exceptions-owner': {
      type: 'string',
      multiple: true,
      valueName: 'owner',
      description:
        'Owner of exceptions/ (default: the policy owners); repeatable.',
    },
  },
  examples: [
    'rolesmith codeowners',
    'rolesmith codeowners --check',
    'rolesmith codeowners catalogue --fallback-owner @acme/grc',
  ],
  load: async () => (await import('../codeowners-command.ts')).runCodeowners,
};
