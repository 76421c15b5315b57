import type { CommandSpec, OptionSpec } from './command.ts';

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'Show help.' },
  debug: {
    type: 'boolean',
    description: 'Show stack traces and debug logs.',
  },
  verbose: { type: 'boolean', short: 'v', description: 'Log more.' },
  quiet: { type: 'boolean', short: 'q', description: 'Log only warnings.' },
  'no-color': {
    type: 'boolean',
    description: 'Disable colour (also NO_COLOR=1).',
  },
};

const format = (formats: string[]): OptionSpec => ({
  type: 'string',
  short: 'f',
  valueName: formats.join('|'),
  description: `Output format (default ${formats[0] ?? 'text'}).`,
});

const output: OptionSpec = {
  type: 'string',
  short: 'o',
  valueName: 'file',
  description: 'Write the report to a file (atomically) instead of stdout.',
};

/** The command tree: declarations only; behaviour is loaded lazily. */
export const COMMANDS: CommandSpec[] = [
  {
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
          'Also show the catalogue as it was at the end of this day (UTC) or at this commit of the branch.',
      },
      entitlement: {
        type: 'string',
        valueName: 'id',
        description:
          'Also show who held this entitlement then (default: at the head), through which role and since which change.',
      },
      format: format(['text', 'json', 'markdown']),
      output,
      'fail-on': {
        type: 'string',
        valueName: 'error|warning|note|never',
        description: 'Lowest severity that fails the run (default warning).',
      },
      repo: {
        type: 'string',
        valueName: 'owner/name',
        description:
          'Also read the merged pull requests from this GitHub repository (only when given; the token from GITHUB_TOKEN): approvals, checks, code owners.',
      },
      'github-url': {
        type: 'string',
        valueName: 'url',
        description:
          'The GitHub API to read from (default GITHUB_API_URL, else https://api.github.com).',
      },
      export: {
        type: 'string',
        valueName: 'dir',
        description:
          'Also write an evidence pack to this new or empty folder: JSON, CSV, Markdown, the HTML report and the catalogue files, with a manifest of SHA-256 digests.',
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
    load: async () => (await import('./audit-command.ts')).runAudit,
  },
  {
    name: 'check',
    summary: 'Validate a role catalogue against its policies.',
    usage: 'rolesmith check [dir] [options]',
    options: {
      base: {
        type: 'string',
        valueName: 'git-ref',
        description:
          'Judge roles with the policies as they are at this ref, and report the access impact of the change.',
      },
      inventory: {
        type: 'string',
        multiple: true,
        valueName: 'source',
        description:
          'Inventory to check against (pair file, CSV folder, …); repeatable.',
      },
      format: format(['text', 'json', 'sarif', 'github', 'markdown', 'junit']),
      output,
      'fail-on': {
        type: 'string',
        valueName: 'error|warning|note|never',
        description: 'Lowest severity that fails the run (default error).',
      },
      strict: {
        type: 'boolean',
        description: 'Fail on warnings too (same as --fail-on warning).',
      },
      today: {
        type: 'string',
        valueName: 'YYYY-MM-DD',
        description: 'Evaluate dates as of this day (default: today, UTC).',
      },
    },
    examples: [
      'rolesmith check',
      'rolesmith check --base origin/main --format sarif -o check.sarif',
      'rolesmith check --inventory access.txt --fail-on warning',
    ],
    load: async () => (await import('./check-command.ts')).runCheck,
  },
  {
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
          'The repository root that CODEOWNERS paths start from (default: the nearest folder with .git).',
      },
      'fallback-owner': {
        type: 'string',
        multiple: true,
        valueName: 'owner',
        description:
          'Owner of roles/ files without a line of their own (default: the policy owners); repeatable.',
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
    load: async () => (await import('./codeowners-command.ts')).runCodeowners,
  },
  {
    name: 'comment',
    summary:
      'Post the check result and access impact as one sticky PR comment.',
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
      repo: {
        type: 'string',
        valueName: 'owner/name',
        description:
          'The GitHub repository (default GITHUB_REPOSITORY); the token comes from GITHUB_TOKEN. Without one, the local forge is used.',
      },
      'github-url': {
        type: 'string',
        valueName: 'url',
        description:
          'GitHub Enterprise API, e.g. https://github.example.com/api/v3 (default GITHUB_API_URL).',
      },
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
    load: async () => (await import('./comment-command.ts')).runComment,
  },
  {
    name: 'diff',
    summary: 'Show what a change to roles means for access and metrics.',
    usage: 'rolesmith diff [dir] [options]',
    options: {
      base: {
        type: 'string',
        valueName: 'git-ref',
        description:
          'Compare with the catalogue at this ref (default HEAD); its policies classify critical and SoD access.',
      },
      from: {
        type: 'string',
        valueName: 'dir',
        description:
          'Compare with the catalogue in this folder instead of a git ref.',
      },
      inventory: {
        type: 'string',
        multiple: true,
        valueName: 'source',
        description:
          'Inventory that resolves attribute criteria to members; repeatable.',
      },
      format: format(['text', 'json', 'markdown']),
      output,
      today: {
        type: 'string',
        valueName: 'YYYY-MM-DD',
        description:
          'Count exceptions in force on this day (default: today, UTC).',
      },
    },
    examples: [
      'rolesmith diff',
      'rolesmith diff --base origin/main --inventory access.txt',
      'rolesmith diff --from ../catalogue-before --format markdown -o diff.md',
    ],
    load: async () => (await import('./diff-command.ts')).runDiff,
  },
  {
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
      'on-bad-record': {
        type: 'string',
        valueName: 'stop|skip',
        description: 'As for `inventory`.',
      },
      format: format(['text', 'json', 'sarif', 'github', 'markdown', 'junit']),
      output,
      'fail-on': {
        type: 'string',
        valueName: 'error|warning|note|never',
        description: 'Lowest severity that fails the run (default warning).',
      },
      today: {
        type: 'string',
        valueName: 'YYYY-MM-DD',
        description:
          'Judge exception expiry as of this day (default: today, UTC).',
      },
    },
    examples: [
      'rolesmith drift ./hr-export',
      'rolesmith drift ./hr-export aws:authz.json --catalogue catalogue --format sarif -o drift.sarif',
      'rolesmith drift access.txt --unused-days 180 --fail-on never',
    ],
    load: async () => (await import('./drift-command.ts')).runDrift,
  },
  {
    name: 'explain',
    summary: 'Recompute the evidence of role files; show what changed since.',
    usage: 'rolesmith explain <role file…> --inventory <source>… [options]',
    options: {
      inventory: {
        type: 'string',
        multiple: true,
        valueName: 'source',
        description:
          'Inventory to recompute the evidence from, as given to mine; repeatable.',
      },
      'on-bad-record': {
        type: 'string',
        valueName: 'stop|skip',
        description: 'As for `inventory`.',
      },
      format: format(['text', 'json']),
      output,
    },
    examples: [
      'rolesmith explain roles/finance/ap-clerk.yaml --inventory ./hr-export',
      'rolesmith explain roles/*/*.yaml --inventory ./hr --inventory aws:authz.json --format json',
    ],
    load: async () => (await import('./explain-command.ts')).runExplain,
  },
  {
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
      'on-bad-record': {
        type: 'string',
        valueName: 'stop|skip',
        description:
          'Stop at the first unreadable record (default), or skip and count them.',
      },
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
    load: async () => (await import('./inventory-command.ts')).runInventory,
  },
  {
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
          'Share of a peer group that must hold an entitlement for it to join the role (default 0.6).',
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
      'on-bad-record': {
        type: 'string',
        valueName: 'stop|skip',
        description: 'As for `inventory`.',
      },
      write: {
        type: 'string',
        valueName: 'dir',
        description:
          'Write candidates as role files into this roles/ folder, reconciled with the roles already there.',
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
    load: async () => (await import('./mine-command.ts')).runMine,
  },
  {
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
      'branch-prefix': {
        type: 'string',
        valueName: 'prefix',
        description: 'Proposal branches start with this (default rolesmith/).',
      },
      draft: {
        type: 'boolean',
        description: 'Open new pull requests as drafts.',
      },
      repo: {
        type: 'string',
        valueName: 'owner/name',
        description:
          'The GitHub repository (default GITHUB_REPOSITORY); the token comes from GITHUB_TOKEN. Without one, the local forge is used.',
      },
      'github-url': {
        type: 'string',
        valueName: 'url',
        description:
          'GitHub Enterprise API, e.g. https://github.example.com/api/v3 (default GITHUB_API_URL).',
      },
      format: format(['text', 'json']),
    },
    examples: [
      'rolesmith propose',
      'rolesmith propose --per role --draft',
      'GITHUB_TOKEN=… rolesmith propose --repo acme/roles',
    ],
    load: async () => (await import('./propose-command.ts')).runPropose,
  },
  {
    name: 'verify',
    summary: 'Check an evidence pack against its manifest of SHA-256 digests.',
    usage: 'rolesmith verify <pack dir>',
    options: {},
    examples: ['rolesmith verify ./evidence-pack'],
    load: async () => (await import('./verify-command.ts')).runVerify,
  },
  {
    name: 'report',
    summary:
      'Write a self-contained HTML report: trends, role cards, SoD matrix, findings.',
    usage: 'rolesmith report [dir] [options]',
    options: {
      inventory: {
        type: 'string',
        multiple: true,
        valueName: 'source',
        description:
          'Inventory for drift findings and to resolve attribute criteria; repeatable.',
      },
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
      today: {
        type: 'string',
        valueName: 'YYYY-MM-DD',
        description: 'Evaluate dates as of this day (default: today, UTC).',
      },
    },
    examples: [
      'rolesmith report',
      'rolesmith report --inventory access.txt -o report.html',
      'rolesmith report catalogue --history 50',
    ],
    load: async () => (await import('./report-command.ts')).runReport,
  },
  {
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
      inventory: {
        type: 'string',
        multiple: true,
        valueName: 'source',
        description:
          'Inventory that gives member kinds (for mixed roles) and resolves criteria; repeatable.',
      },
      'pack-seconds': {
        type: 'string',
        valueName: 'seconds',
        description:
          'How long producing the evidence pack took, to show beside the other figures.',
      },
      'branch-prefix': {
        type: 'string',
        valueName: 'prefix',
        description: 'Proposal branches start with this (default rolesmith/).',
      },
      repo: {
        type: 'string',
        valueName: 'owner/name',
        description:
          'Count proposals from the pull requests of this GitHub repository (the token from GITHUB_TOKEN): acceptance, time to approval and to merge.',
      },
      'github-url': {
        type: 'string',
        valueName: 'url',
        description:
          'The GitHub API to read from (default GITHUB_API_URL, else https://api.github.com).',
      },
      format: format(['text', 'json', 'markdown']),
      output,
    },
    examples: [
      'rolesmith metrics',
      'rolesmith metrics --repo acme/roles',
      'rolesmith metrics --limit 200 --inventory ./hr-export',
      'rolesmith metrics --format markdown -o metrics.md',
    ],
    load: async () => (await import('./metrics-command.ts')).runMetrics,
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}
