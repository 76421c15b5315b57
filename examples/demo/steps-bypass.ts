import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalForge } from '../../src/gitops/local-forge.ts';
import { rolesmith, rolesmithWithJson } from './rolesmith.ts';
import type { Story } from './story.ts';
import { PEOPLE } from './story.ts';
import { git } from './workspace.ts';

/** Vendor maintenance plus payment release is risk P2P-001. */
const VENDOR_ENTITLEMENT = 'sap:XK01';
const PAYMENT_RELEASE = 'sap:F110';

interface CheckJson {
  findings: { code: string; severity: string; subject?: { risk?: string } }[];
}

/**
 * Sam asks for payment release on the vendor stewards' role. The gate
 * blocks it before merge (judged by main's policies) and Rita closes the
 * proposal: the SoD conflict is caught in review, which `metrics` counts.
 */
export async function riskyChange(story: Story): Promise<void> {
  const { ws, narrator } = story;
  const sam = PEOPLE.developer;
  const path = await roleGranting(story, VENDOR_ENTITLEMENT);
  const file = join(ws.catalogue, path);
  const original = await readFile(file, 'utf8');
  await writeFile(
    file,
    original.replace(
      /^entitlements:\n/m,
      `entitlements:\n  - ${PAYMENT_RELEASE}\n`,
    ),
  );
  const outcome = await rolesmith(
    ws,
    narrator,
    ['propose', '--per', 'role', '--format', 'json'],
    {
      log: '07-risky-propose',
      cwd: ws.catalogue,
      who: sam,
    },
  );
  const branch = (
    JSON.parse(outcome.stdout) as { proposals: { branch: string }[] }
  ).proposals[0]?.branch;
  if (branch === undefined) throw new Error(`propose did not propose ${path}`);
  await writeFile(file, original);

  await git(ws, ws.reviewer, PEOPLE.reviewer, 'fetch', '-q', 'origin');
  await git(ws, ws.reviewer, PEOPLE.reviewer, 'checkout', '-q', branch);
  const { text, json } = await rolesmithWithJson(
    ws,
    narrator,
    ['check', '--base', 'origin/main'],
    {
      log: '07-risky-gate',
      cwd: ws.reviewer,
      who: PEOPLE.reviewer,
      expect: [1],
    },
  );
  narrator.excerpt(
    text.stdout
      .split('\n')
      .filter((line) => / error {4}/.test(line))
      .join('\n'),
    4,
    'logs/07-risky-gate.txt',
  );
  const report = json as CheckJson;
  const blocking = report.findings
    .filter((f) => f.severity === 'error' && f.code.startsWith('sod.'))
    .map((f) => `${f.code} ${f.subject?.risk ?? ''}`.trim());
  await git(ws, ws.reviewer, PEOPLE.reviewer, 'checkout', '-q', 'main');
  await new LocalForge(join(ws.catalogue, '.git')).close(branch);
  story.facts.rejected = { branch, findings: blocking };
  narrator.say(
    `Sam proposed adding ${PAYMENT_RELEASE} (payment run) to ${path}. The ` +
      `gate failed with ${blocking.join(', ') || 'errors'}: whoever can ` +
      'create a vendor must not also pay it. Rita closed the proposal ' +
      'unmerged; nobody gained that access.',
  );
}

/**
 * Ada pushes straight to main to push back a review date: the change
 * that skips review, which `audit` must find.
 */
export async function directChange(story: Story): Promise<void> {
  const { ws, narrator } = story;
  const ada = PEOPLE.admin;
  const path = 'roles/it/it-helpdesk.yaml';
  const file = join(ws.catalogue, path);
  const next = new Date(`${story.today}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 180);
  const text = await readFile(file, 'utf8');
  await writeFile(
    file,
    text.replace(
      /^ {2}next_review: .*$/m,
      `  next_review: ${next.toISOString().slice(0, 10)}`,
    ),
  );
  await git(
    ws,
    ws.catalogue,
    ada,
    'commit',
    '-q',
    '-am',
    'Push back the helpdesk review',
  );
  await git(ws, ws.catalogue, ada, 'push', '-q', 'origin', 'main');
  const head = await git(ws, ws.catalogue, ada, 'rev-parse', 'HEAD');
  story.facts.directChange = head.stdout.trim();
  narrator.say(
    `Ada pushed a change to ${path} straight to main, moving its next ` +
      'review half a year out without anyone reviewing the role.',
  );
}

/** The first role file on main that grants `entitlement`. */
async function roleGranting(
  story: Story,
  entitlement: string,
): Promise<string> {
  const { ws } = story;
  const found = await git(
    ws,
    ws.catalogue,
    PEOPLE.developer,
    'grep',
    '-l',
    '--fixed-strings',
    '-e',
    `- ${entitlement}`,
    '--',
    'roles',
  );
  const path = found.stdout.split('\n').find((p) => p.endsWith('.yaml'));
  if (path === undefined)
    throw new Error(`no role on main grants ${entitlement}`);
  return path;
}
