import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rolesmith, rolesmithWithJson } from './rolesmith.ts';
import type { Story } from './story.ts';
import { inventoryFlags, PEOPLE } from './story.ts';

interface AuditJson {
  findings: { code: string }[];
}

/** The audit trail, its findings and the evidence pack an auditor keeps. */
export async function audit(story: Story): Promise<number> {
  const { ws, narrator } = story;
  const pack = join(ws.root, 'evidence-pack');
  const trail = await rolesmith(ws, narrator, ['audit', '--fail-on', 'never'], {
    log: '09-audit',
    cwd: ws.catalogue,
    who: PEOPLE.reviewer,
  });
  const mined = story.facts.mined.roleFiles[0];
  narrator.excerpt(
    [
      ...(mined === undefined ? [] : [...block(trail.stdout, mined), '...']),
      ...block(trail.stdout, 'Findings'),
    ].join('\n'),
    14,
    'logs/09-audit.txt',
  );
  const outcome = await rolesmith(
    ws,
    narrator,
    ['audit', '--export', '../evidence-pack'],
    {
      log: '09-audit-export',
      cwd: ws.catalogue,
      who: PEOPLE.reviewer,
      expect: [0, 1],
    },
  );
  // The time the export reports for itself, as metrics shows it.
  const ms = /produced in (\d+) ms/.exec(outcome.stdout)?.[1];
  const packSeconds = ms === undefined ? 0 : Number(ms) / 1000;
  narrator.excerpt(outcome.stdout, 1, 'logs/09-audit-export.txt');
  const report = JSON.parse(
    await readFile(join(pack, 'audit.json'), 'utf8'),
  ) as AuditJson;
  const counts: Record<string, number> = {};
  for (const finding of report.findings) {
    counts[finding.code] = (counts[finding.code] ?? 0) + 1;
  }
  const verify = await rolesmith(ws, narrator, ['verify', '../evidence-pack'], {
    log: '09-verify',
    cwd: ws.catalogue,
    who: PEOPLE.reviewer,
  });
  narrator.excerpt(verify.stdout, 3, 'logs/09-verify.txt');
  story.facts.audit = { findings: counts, pack, verified: verify.code === 0 };
  const direct = counts['audit.direct-change'] ?? 0;
  const unreviewed =
    direct === 1
      ? "1 change reached main without review (Ada's)."
      : `${direct} changes reached main without review.`;
  narrator.say(
    `Every role, policy and exception file has its timeline: which merge ` +
      'brought each change, who wrote it, who approved it, and the ' +
      `evidence as it was. ${unreviewed} The evidence pack in ` +
      'evidence-pack/ holds the JSON, CSV, ' +
      'Markdown, HTML report and catalogue files with a SHA-256 manifest; ' +
      '`rolesmith verify` fails if a single byte changes.',
  );
  return packSeconds;
}

export async function metrics(
  story: Story,
  packSeconds: number,
): Promise<void> {
  const { ws, narrator } = story;
  const args = [
    'metrics',
    ...inventoryFlags(story),
    '--pack-seconds',
    packSeconds.toFixed(2),
  ];
  const { text, json } = await rolesmithWithJson(ws, narrator, args, {
    log: '10-metrics',
    cwd: ws.catalogue,
    who: PEOPLE.reviewer,
  });
  narrator.excerpt(text.stdout, 40, 'logs/10-metrics.txt');
  const figures = json as Record<string, unknown>;
  story.facts.metrics = {
    sod: figures.sod,
    proposals: figures.proposals,
    last: Array.isArray(figures.points) ? figures.points.at(-1) : undefined,
  };
  const proposals = figures.proposals as
    { merged?: number; closed?: number; acceptance?: number } | undefined;
  const sod = figures.sod as { caughtInPullRequest?: number } | undefined;
  const acceptance =
    proposals?.acceptance === undefined
      ? 'no decided proposal yet'
      : `${(proposals.acceptance * 100).toFixed(0)}% ` +
        `(${proposals.merged ?? 0} merged, ${proposals.closed ?? 0} closed; ` +
        "the closed one is Sam's hand edit, not a mined candidate)";
  narrator.say(
    'Each row is a commit of main, oldest first: how many roles, how ' +
      'large, how many roles a person holds, exceptions outside roles, ' +
      'roles mixing people and machines, and SoD findings. Below it: ' +
      `acceptance of proposals ${acceptance}; ` +
      `${sod?.caughtInPullRequest ?? 0} SoD conflict caught in a pull ` +
      'request before it could merge; and how long the evidence pack ' +
      'took. Times come from the commit dates, which the demo sets on one ' +
      'story day so that every run tells the same story.',
  );
}

export async function report(story: Story): Promise<void> {
  const { ws, narrator } = story;
  await rolesmith(
    ws,
    narrator,
    ['report', ...inventoryFlags(story), '-o', '../report.html'],
    { log: '11-report', cwd: ws.catalogue, who: PEOPLE.reviewer },
  );
  story.facts.report = join(ws.root, 'report.html');
  narrator.say(
    'One self-contained HTML file for reviewers and auditors without a ' +
      'command line: trends, role cards with their evidence, the SoD ' +
      'matrix and drift findings. It loads nothing from the network.',
  );
}

/** The lines of a text report from the one starting with `head` to a blank. */
function block(text: string, head: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(head));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start, end < 0 ? undefined : end);
}
