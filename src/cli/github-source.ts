import { readConcurrency } from '../gitops/github-org-concurrency.ts';
import { createGithubOrgSource } from '../gitops/github-org-source.ts';
import { readGithubOrg } from '../inventory/github/github-org.ts';
import type { SourceFormat } from '../inventory/sources.ts';

/**
 * `github:<org>` as an inventory source. The CLI owns it because it needs
 * the environment: GITHUB_TOKEN for the token (never printed) and
 * GITHUB_API_URL for GitHub Enterprise (`https://<host>/api/v3`).
 */
export function githubSourceFormat(env: NodeJS.ProcessEnv): SourceFormat {
  return {
    name: 'github',
    summary: 'a GitHub organisation through the REST API (github:<org>)',
    takesPath: false,
    detect: () => Promise.resolve(false),
    read: (org, options) =>
      readGithubOrg(org, {
        ...options,
        source: createGithubOrgSource({
          org,
          logger: options.logger,
          ...(env.GITHUB_API_URL !== undefined && {
            baseUrl: env.GITHUB_API_URL,
          }),
          ...(env.GITHUB_TOKEN !== undefined && { token: env.GITHUB_TOKEN }),
          // From the command's environment, not the process's, as the
          // token is, so that in-process runs and tests can set it.
          concurrency: readConcurrency(undefined, env),
        }),
      }),
  };
}
