import type { CommandSpec } from '../command.ts';
import {
  failOn,
  format,
  githubReadUrl,
  output,
  repo,
} from '../command-options.ts';

export const auditCommand: CommandSpec = {
  name: 'audit',
  summary: 'Show the catalogue history as an audit trail, with findings.',
  usage: 'rolesmith audit [dir] [options]',
  options: {
    branch: {
      type: 'string',
      valueName: 'branch',
      description:
        'The branch whose first-parent history is audited (default main).',
    },
    'as-of': {
      type: 'string',
      valueName: 'YYYY-MM-DD|commit',
      description:
        'Also show the catalogue as it was at the end of this day (UTC) or ' +
        'at this commit of the branch.',
    },
    entitlement: {
      type: 'string',
      valueName: 'id',
      description:
        'Also show who held this entitlement then (default: at the head), ' +
        'through which role and since which change.',
    },
    format: format(['text', 'json', 'markdown']),
    output,
    'fail-on': failOn('warning'),
    repo: repo(
      'Also read the merged pull requests from this GitHub ' +
        'repository (only when given; the token from GITHUB_TOKEN): ' +
        'approvals, checks, code owners.',
    ),
    'github-url': githubReadUrl,
    export: {
      type: 'string',
      valueName: 'dir',
      description:
        'Also write an evidence pack to this new or empty folder: JSON, ' +
        'CSV, Markdown, the HTML report and the catalogue files, with a ' +
        'manifest of SHA-256 digests.',
    },
    force: {
      type: 'boolean',
      description: 'With --export, replace what a non-empty folder holds.',
    },
  },
  examples: [
    'rolesmith audit',
    'rolesmith audit --as-of 2026-06-30 --entitlement sap:F110',
    'rolesmith audit --format json -o audit.json --fail-on never',
    'rolesmith audit --export evidence-2026-q2 --as-of 2026-06-30',
  ],
  load: async () => (await import('../audit-command.ts')).runAudit,
};
