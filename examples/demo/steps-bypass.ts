import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalForge } from '../../src/gitops/local-forge.ts';
import { rolesmith, rolesmithWithJson } from './rolesmith.ts';
import type { Story } from './story.ts';
import { PEOPLE } from './story.ts';
import { git } from './workspace.ts';

/** Vendor maintenance plus payment release is risk P2P-001. */
const VENDOR_ROLE = 'roles/finance/vendor-master-steward.yaml';
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
  // The hand-written vendor role, named rather than searched for, so the
  // story does not depend on what mining wrote.
  const path = VENDOR_ROLE;
  const file = join(ws.catalogue, path);
  const original = await readFile(file, 'utf8');
  if (!original.includes(`- ${VENDOR_ENTITLEMENT}`)) {
    throw new Error(`${path} no longer grants ${VENDOR_ENTITLEMENT}`);
  }
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
  const others = report.findings.filter(
    (f) => f.severity === 'error' && !f.code.startsWith('sod.'),
  );
  narrator.say(
    `Sam proposed adding ${PAYMENT_RELEASE} (payment run) to ${path}. The ` +
      `gate failed with ${blocking.join(', ') || 'errors'}: whoever can ` +
      'create a vendor must not also pay it' +
      (others.length === 0
        ? '. '
        : `, and with ${others.map((f) => f.code).join(', ')} as well. `) +
      'Rita closed the proposal unmerged; nobody gained that access.',
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
  const text = await readFile(file, 'utf8');
  const due = /^ {2}next_review: (\d{4}-\d{2}-\d{2})$/m.exec(text)?.[1];
  if (due === undefined) throw new Error(`${path} has no next_review`);
  const later = new Date(`${due}T00:00:00Z`);
  later.setUTCDate(later.getUTCDate() + 180);
  const pushed = later.toISOString().slice(0, 10);
  await writeFile(
    file,
    text.replace(/^ {2}next_review: .*$/m, `  next_review: ${pushed}`),
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
      `review from ${due} to ${pushed} without anyone reviewing the role.`,
  );
}
