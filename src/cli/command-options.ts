import type { OptionSpec } from './command.ts';

/*
 * Options that several commands declare. They are spelled once here so that
 * the same flag reads the same in every command's help; where commands mean
 * something different by it, the description is theirs to give.
 */

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

/** `--format`; the first of `formats` is the default. */
export const format = (formats: string[]): OptionSpec => ({
  type: 'string',
  short: 'f',
  valueName: formats.join('|'),
  description: `Output format (default ${formats[0] ?? 'text'}).`,
});

export const output: OptionSpec = {
  type: 'string',
  short: 'o',
  valueName: 'file',
  description: 'Write the report to a file (atomically) instead of stdout.',
};

export const failOn = (defaultSeverity: string): OptionSpec => ({
  type: 'string',
  valueName: 'error|warning|note|never',
  description: `Lowest severity that fails the run (default ${defaultSeverity}).`,
});

export const inventory = (description: string): OptionSpec => ({
  type: 'string',
  multiple: true,
  valueName: 'source',
  description,
});

/** Commands that read inventories defer to `inventory`'s own wording. */
export const onBadRecord = (
  description = 'As for `inventory`.',
): OptionSpec => ({
  type: 'string',
  valueName: 'stop|skip',
  description,
});

export const today = (description: string): OptionSpec => ({
  type: 'string',
  valueName: 'YYYY-MM-DD',
  description,
});

export const repo = (description: string): OptionSpec => ({
  type: 'string',
  valueName: 'owner/name',
  description,
});

/** `--github-url` for commands that only read from GitHub. */
export const githubReadUrl: OptionSpec = {
  type: 'string',
  valueName: 'url',
  description:
    'The GitHub API to read from (default GITHUB_API_URL, else https://api.github.com).',
};

/**
 * `--repo` and `--github-url` for commands that write to a forge (comments,
 * pull requests), which fall back to the local forge without a repository.
 */
export const forgeTarget: Record<string, OptionSpec> = {
  repo: repo(
    'The GitHub repository (default GITHUB_REPOSITORY); the token comes ' +
      'from GITHUB_TOKEN. Without one, the local forge is used.',
  ),
  'github-url': {
    type: 'string',
    valueName: 'url',
    description:
      'GitHub Enterprise API, e.g. https://github.example.com/api/v3 (default GITHUB_API_URL).',
  },
};

/** Shared by `propose`, which names the branches, and `metrics`, which counts them. */
export const branchPrefix: OptionSpec = {
  type: 'string',
  valueName: 'prefix',
  description: 'Proposal branches start with this (default rolesmith/).',
};
