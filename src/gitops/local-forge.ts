import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';

/** A proposal as the local forge keeps it: GitHub's pull request, on disk. */
export interface LocalProposal {
  head: string;
  base: string;
  title: string;
  labels: string[];
  reviewers: { users: string[]; teams: string[] };
  draft: boolean;
  state: 'open' | 'closed';
  /** Set when a newer proposal took this one's roles. */
  supersededBy?: string;
  body: string;
}

export interface ForgeResult {
  /** The description file, for the user to open. */
  url: string;
  created: boolean;
}

/**
 * The offline stand-in for GitHub: each proposal is its branch plus two
 * files under `.git/rolesmith/proposals/` (the description as Markdown
 * and its metadata as JSON). Inside `.git/` they never show up as
 * changes in the working tree, and `git clean` leaves them alone.
 */
export class LocalForge {
  readonly dir: string;

  constructor(gitDir: string) {
    this.dir = join(gitDir, 'rolesmith', 'proposals');
  }

  async openOrUpdate(
    proposal: Omit<LocalProposal, 'state'>,
  ): Promise<ForgeResult> {
    const existing = await this.read(proposal.head);
    const record: LocalProposal = { ...proposal, state: 'open' };
    const base = this.pathOf(proposal.head);
    await writeFileAtomic(`${base}.md`, proposal.body);
    await writeFileAtomic(
      `${base}.json`,
      `${JSON.stringify({ ...record, body: undefined }, null, 2)}\n`,
    );
    return { url: `${base}.md`, created: existing?.state !== 'open' };
  }

  async listOpen(headPrefix: string): Promise<LocalProposal[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const open: LocalProposal[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const proposal = await this.readFile(join(this.dir, name));
      if (proposal?.state === 'open' && proposal.head.startsWith(headPrefix)) {
        open.push(proposal);
      }
    }
    return open;
  }

  async close(head: string, supersededBy?: string): Promise<void> {
    const proposal = await this.read(head);
    if (proposal === undefined) return;
    await writeFileAtomic(
      `${this.pathOf(head)}.json`,
      `${JSON.stringify(
        {
          ...proposal,
          body: undefined,
          state: 'closed',
          ...(supersededBy !== undefined && { supersededBy }),
        },
        null,
        2,
      )}\n`,
    );
  }

  /** Removes a proposal's files (for tests and `--clean`). */
  async remove(head: string): Promise<void> {
    await rm(`${this.pathOf(head)}.md`, { force: true });
    await rm(`${this.pathOf(head)}.json`, { force: true });
  }

  async read(head: string): Promise<LocalProposal | undefined> {
    return this.readFile(`${this.pathOf(head)}.json`);
  }

  private async readFile(path: string): Promise<LocalProposal | undefined> {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    const meta = JSON.parse(text) as Omit<LocalProposal, 'body'>;
    const body = await readFile(path.replace(/\.json$/, '.md'), 'utf8').catch(
      () => '',
    );
    return { ...meta, body };
  }

  /** Branch names hold `/`; the file name keeps them readable. */
  private pathOf(head: string): string {
    return join(this.dir, head.replaceAll('/', '__'));
  }
}
