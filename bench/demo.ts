import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO_ROOT = join(import.meta.dirname, '..');

/**
 * Issue #8 target: `npm run demo` runs the whole loop in under a minute.
 * Timed as the user waits for it: a fresh process, tsx start-up included.
 */
export async function benchDemo(): Promise<string[]> {
  const workspace = await mkdtemp(join(tmpdir(), 'rolesmith-bench-demo-'));
  try {
    const started = performance.now();
    await run(
      process.execPath,
      ['--import', 'tsx', 'examples/demo/main.ts', '--workspace', workspace],
      { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
    );
    const seconds = (performance.now() - started) / 1000;
    const facts = JSON.parse(
      await readFile(join(workspace, 'demo-summary.json'), 'utf8'),
    ) as {
      inventory: { identities: number; assignments: number };
      mined: { added: number; changed: number };
      proposals: unknown[];
    };
    return [
      `demo: ${facts.inventory.identities} identities, ` +
        `${facts.inventory.assignments} assignments; ` +
        `${facts.mined.added} new and ${facts.mined.changed} changed roles ` +
        `in ${facts.proposals.length} proposals`,
      `  seconds ${seconds.toFixed(1)} (target < 60)`,
    ];
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}
