import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rolesmith, rolesmithWithJson } from './rolesmith.ts';
import type { Story } from './story.ts';
import { mergeApproved } from './steps-review.ts';
import { inventoryFlags, PEOPLE } from './story.ts';
import { readTruth, recovery } from './truth.ts';
import { copyTree, git } from './workspace.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const SAMPLE = join(REPO_ROOT, 'examples', 'acme');
/** Files of the sample that describe it rather than being inventory. */
const NOT_SOURCES = new Set(['README.md', 'truth.json']);
const CATALOGUE_README = `# Acme access catalogue

Roles, exceptions and policies kept as code and checked by rolesmith.
Created by \`npm run demo\`; every change after the first arrives as a
reviewed merge, except one the audit finds.
`;

/**
 * A bare repository as the remote, Ada's clone seeded with the
 * repository's own hand-written catalogue (roles, policies, exceptions)
 * and the sample organisation's inventory beside it.
 */
export async function setUp(story: Story): Promise<void> {
  const { ws, narrator } = story;
  const ada = PEOPLE.admin;
  await git(ws, ws.root, ada, 'init', '-q', '--bare', ws.remote);
  await git(ws, ws.root, ada, 'clone', '-q', ws.remote, ws.catalogue);
  await writeFile(join(ws.catalogue, 'README.md'), CATALOGUE_README);
  await git(ws, ws.catalogue, ada, 'add', 'README.md');
  await git(ws, ws.catalogue, ada, 'commit', '-q', '-m', 'Start the catalogue');
  // Even the first import arrives as a reviewed merge, so that the audit
  // trail starts clean and the one unreviewed change later stands out.
  const branch = 'import/hand-written-catalogue';
  await git(ws, ws.catalogue, ada, 'checkout', '-q', '-b', branch);
  let files = 0;
  for (const folder of ['roles', 'policies', 'exceptions']) {
    files += await copyTree(
      join(REPO_ROOT, folder),
      join(ws.catalogue, folder),
    );
  }
  await git(ws, ws.catalogue, ada, 'add', '.');
  await git(
    ws,
    ws.catalogue,
    ada,
    'commit',
    '-q',
    '-m',
    "Import Acme's hand-written roles, exceptions and SoD policies",
  );
  await git(ws, ws.catalogue, PEOPLE.reviewer, 'checkout', '-q', 'main');
  await mergeApproved(story, ws.catalogue, branch);
  await git(ws, ws.catalogue, ada, 'push', '-q', 'origin', 'main');
  await copyTree(story.sample, ws.inventory, [...NOT_SOURCES]);
  const entries = (await readdir(ws.inventory)).sort();
  // A folder with identities.csv is one CSV inventory; otherwise each
  // entry is a source of its own (CSV folders, AWS JSON, manifests).
  story.sources = entries.includes('identities.csv')
    ? ['../inventory']
    : entries.map((name) => `../inventory/${name}`);
  story.facts.inventory.sources = story.sources;
  narrator.say(
    `Ada, who runs Acme's access catalogue, proposed its ${files} ` +
      'hand-written role, exception and policy files, Rita approved and ' +
      'merged them, and main went to remote.git, the stand-in for the ' +
      'hosted repository. The team works in catalogue/. The access ' +
      'export (people, machine identities, entitlements and who holds ' +
      'what across HR, ERP, CRM, cloud, code and ticketing systems) is in ' +
      `inventory/${entries.join(', inventory/')}.`,
  );
}

export async function readInventory(story: Story): Promise<void> {
  const { ws, narrator } = story;
  const { text, json } = await rolesmithWithJson(
    ws,
    narrator,
    ['inventory', ...story.sources],
    { log: '02-inventory', cwd: ws.catalogue, who: PEOPLE.miner },
  );
  // The totals as the report prints them, then each issue on one line;
  // the report's examples and fixes are in the log.
  narrator.excerpt(text.stdout, 3, 'logs/02-inventory.txt');
  const report = json as {
    totals: { identities: number; assignments: number };
    issues: {
      code: string;
      severity: string;
      count: number;
      message: string;
    }[];
  };
  narrator.list(
    report.issues.map(
      (i) => `${i.severity} ${i.count} ${i.message} [${i.code}]`,
    ),
  );
  story.facts.inventory.identities = report.totals.identities;
  story.facts.inventory.assignments = report.totals.assignments;
  narrator.say(
    'Mia, an IAM engineer, reads what the data is worth before mining it: ' +
      'people without department or title cannot be grouped, machines ' +
      'without an owner cannot be reviewed, service accounts sharing a ' +
      "person's exact access are machines hiding in human groups, and " +
      'stale access should not become part of a role.',
  );
}

export async function mine(story: Story): Promise<void> {
  const { ws, narrator } = story;
  const outcome = await rolesmith(
    ws,
    narrator,
    [
      'mine',
      ...story.sources,
      '--policies',
      'policies',
      '--write',
      'roles',
      '--owner',
      '@acme/iam',
    ],
    { log: '03-mine', cwd: ws.catalogue, who: PEOPLE.miner },
  );
  narrator.excerpt(outcome.stdout, 14, 'logs/03-mine.txt');
  const status = await git(
    ws,
    ws.catalogue,
    PEOPLE.miner,
    'status',
    '--porcelain',
    '--untracked-files=all',
    'roles',
  );
  const lines = status.stdout.split('\n').filter((l) => l !== '');
  story.facts.mined.roleFiles = lines.map((l) => l.slice(3)).sort();
  story.facts.mined.added = lines.filter((l) => l.startsWith('??')).length;
  story.facts.mined.changed = lines.length - story.facts.mined.added;
  const truth = await readTruth(story.sample);
  if (truth !== undefined) {
    // Only what mining wrote: the hand-written roles would flatter it.
    const score = await recovery(
      truth,
      story.facts.mined.roleFiles.map((file) => join(ws.catalogue, file)),
    );
    story.facts.mined.recovery = score;
    narrator.say(
      `The generator planted ${score.planted} roles (truth.json). Mining ` +
        `found ${score.found} of them with an entitlement Jaccard of at ` +
        `least 0.8; the mean best match is ${score.meanJaccard.toFixed(3)}.`,
    );
  }
  narrator.say(
    `Mining wrote ${story.facts.mined.added} new role files and updated ` +
      `${story.facts.mined.changed} approved ones. Each says in plain ` +
      'language who it is for and why, and carries an evidence block ' +
      '(algorithm, parameters, data date, source digests, purity, usage) ' +
      'that `rolesmith explain` can recompute.',
  );
}

interface CheckJson {
  summary: { error: number; warning: number };
  findings: {
    code: string;
    severity: string;
    message: string;
    subject?: { identity?: string; risk?: string };
  }[];
}

export async function check(story: Story): Promise<void> {
  const { ws, narrator } = story;
  const args = ['check', ...inventoryFlags(story)];
  const { text, json } = await rolesmithWithJson(ws, narrator, args, {
    log: '04-check',
    cwd: ws.catalogue,
    who: PEOPLE.miner,
    expect: [0, 1],
  });
  const report = json as CheckJson;
  // The verdict, then each SoD violation in actual access on one line:
  // the full report, with hints and every other finding, is in the log.
  narrator.excerpt(
    text.stdout
      .split('\n')
      .filter((l) => /^(✔|✖)/.test(l))
      .join('\n'),
    1,
    'logs/04-check.txt',
  );
  const violations = report.findings
    .filter((f) => f.code === 'inventory.sod-violation')
    .map((f) => ({
      identity: f.subject?.identity ?? '',
      risk: f.subject?.risk ?? '',
    }));
  narrator.list(
    report.findings
      .filter((f) => f.code === 'inventory.sod-violation')
      .map((f) => {
        const title = /risk \S+ "([^"]+)"/.exec(f.message)?.[1] ?? '';
        return `${f.subject?.identity ?? '?'}: ${f.subject?.risk ?? '?'} ${title}`;
      }),
  );
  story.facts.check = {
    errors: report.summary.error,
    warnings: report.summary.warning,
    sodViolations: violations,
  };
  const sodFindings = report.findings.filter(
    (f) => f.code === 'inventory.sod-violation',
  );
  const blocking = sodFindings.filter((f) => f.severity === 'error').length;
  const roleConflicts = report.findings.filter(
    (f) => f.code === 'sod.role-conflict',
  ).length;
  narrator.say(
    `These ${violations.length} SoD violations (${blocking} blocking, ` +
      `${plural(violations.length - blocking, 'warning')}) are in actual ` +
      'access: ' +
      'people and machines holding what a risk forbids together, or a ' +
      'critical function on its own, whatever roles say. They are for the ' +
      'risk owners to fix at the source; ' +
      (roleConflicts === 0
        ? 'no role in the catalogue grants one by itself.'
        : `${roleConflicts} roles grant one by themselves.`),
  );
  const truth = await readTruth(story.sample);
  if (truth !== undefined) {
    const planted = truth.sodViolations.filter(
      (v) => v.mitigation === undefined,
    );
    const key = (v: { identity: string; risk: string }) =>
      `${v.identity} ${v.risk}`;
    const reported = new Set(violations.map(key));
    const missed = planted.filter((v) => !reported.has(key(v)));
    story.facts.check.plantedMissed = missed.map(key);
    narrator.say(
      `The generator planted ${planted.length} unmitigated violations; ` +
        `check reported ${planted.length - missed.length} of them` +
        (missed.length === 0
          ? '.'
          : ` and missed ${missed.map(key).join(', ')}.`),
    );
  }
  const others = countBy(
    report.findings
      .filter((f) => f.severity === 'error')
      .filter((f) => f.code !== 'inventory.sod-violation')
      .map((f) => f.code),
  );
  if (others.length > 0) {
    const schema = others.some(([code]) => code === 'policy.role-schema');
    narrator.say(
      `The other errors: ${others.map(([code, n]) => `${n} ${code}`).join(', ')}.` +
        (schema
          ? " The catalogue's own schema (policies/role.schema.json) " +
            'requires review.last_reviewed, which a candidate cannot have ' +
            'until its reviewer records it; the gate on each proposal is ' +
            'judged after that.'
          : ''),
    );
  }
}

/** Occurrences of each value, most frequent first. */
function countBy(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
