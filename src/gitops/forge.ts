import type { GithubClient } from './github-client.ts';
import {
  closePull,
  listOpenProposals,
  openOrUpdatePull,
} from './github-pulls.ts';
import type { RepoTarget } from './github-pulls.ts';
import { LocalForge } from './local-forge.ts';

export interface ForgeProposal {
  head: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
  labels: string[];
  reviewers: { users: string[]; teams: string[] };
}

export interface OpenProposal {
  head: string;
  body: string;
  /** Where a person sees it: a pull request URL or a description file. */
  url: string;
  number?: number;
}

/**
 * Where proposals become reviewable: GitHub (or GitHub Enterprise) pull
 * requests, or the local forge when no GitHub is configured, so that the
 * whole loop also runs on one machine.
 */
export interface Forge {
  readonly name: string;
  openOrUpdate(
    proposal: ForgeProposal,
  ): Promise<{ url: string; created: boolean; number?: number }>;
  listOpen(headPrefix: string): Promise<OpenProposal[]>;
  close(open: OpenProposal, supersededBy: string): Promise<void>;
}

export function localForge(gitDir: string): Forge {
  const forge = new LocalForge(gitDir);
  return {
    name: 'local',
    openOrUpdate: (proposal) => forge.openOrUpdate(proposal),
    async listOpen(headPrefix) {
      const open = await forge.listOpen(headPrefix);
      return open.map((p) => ({
        head: p.head,
        body: p.body,
        url: `${forge.dir}/${p.head.replaceAll('/', '__')}.md`,
      }));
    },
    close: (open, supersededBy) => forge.close(open.head, supersededBy),
  };
}

export function githubForge(client: GithubClient, target: RepoTarget): Forge {
  return {
    name: `GitHub ${target.owner}/${target.repo}`,
    async openOrUpdate(proposal) {
      const opened = await openOrUpdatePull(client, {
        ...target,
        head: proposal.head,
        base: proposal.base,
        title: proposal.title,
        body: proposal.body,
        draft: proposal.draft,
        labels: proposal.labels,
        reviewers: proposal.reviewers,
      });
      return opened;
    },
    async listOpen(headPrefix) {
      const pulls = await listOpenProposals(client, { ...target, headPrefix });
      return pulls.map((p) => ({
        head: p.head,
        body: p.body,
        url: p.url,
        number: p.number,
      }));
    },
    async close(open, supersededBy) {
      if (open.number === undefined) return;
      await closePull(client, {
        ...target,
        number: open.number,
        comment: `Superseded by ${supersededBy}: a newer rolesmith proposal covers these roles.`,
      });
    },
  };
}
