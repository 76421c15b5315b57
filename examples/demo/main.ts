/**
 * `npm run demo`: the whole rolesmith loop on the sample organisation,
 * in a temporary workspace with a local git remote. Every step runs the
 * built CLI as a user would; the workspace is left for exploring.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Narrator } from './narrator.ts';
import { CLI } from './rolesmith.ts';
import { check, mine, readInventory, SAMPLE, setUp } from './steps-prepare.ts';
import { directChange, riskyChange } from './steps-bypass.ts';
import { audit, metrics, report } from './steps-evidence.ts';
import { propose, reviewAndMerge } from './steps-review.ts';
import type { Story } from './story.ts';
import { emptyFacts } from './story.ts';
import { createRoot, prepareWorkspace } from './workspace.ts';

const USAGE = `Usage: npm run demo -- [--workspace <dir>]

Runs the whole rolesmith loop on the synthetic Acme organisation in
examples/acme: inventory report, mining, check, proposals, review and
merge, audit, metrics and the HTML report.

  --workspace <dir>  a new or empty folder for the demo (default: a new
                     folder under the system's temporary directory)
  --sample <dir>     another inventory laid out like examples/acme
  -h, --help         show this help
`;

/**
 * The day the story happens: three days after the sample's data date.
 * Review dates and mitigation expiries are judged on it, not on the
 * clock, so the demo tells the same story whenever it runs.
 */
const STORY_DAY = '2026-12-03';

const STEPS: [string, (story: Story) => Promise<void>][] = [
  ['Set up a catalogue repository with a local remote', setUp],
  ['Read the inventory and report its data quality', readInventory],
  ['Mine candidate roles and write them as explained role files', mine],
  ['Check the candidates and the actual access', check],
  ['Propose the candidates for review', propose],
  ['Review, approve and merge the proposals', reviewAndMerge],
  ['A risky change is caught before merge', riskyChange],
  ['A change that skipped review', directChange],
];

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      workspace: { type: 'string' },
      sample: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!existsSync(CLI)) {
    process.stderr.write(
      `demo: ${relative(process.cwd(), CLI)} is missing; run \`npm ci\` ` +
        '(it builds the CLI) or `npm run build` first\n',
    );
    return 2;
  }
  const started = performance.now();
  const root = await createRoot(values.workspace);
  const today = process.env.ROLESMITH_TODAY ?? STORY_DAY;
  const ws = await prepareWorkspace(root, today);
  const narrator = new Narrator((text) => process.stdout.write(text), 11);
  const story: Story = {
    ws,
    narrator,
    today,
    sources: [],
    sample: resolve(values.sample ?? SAMPLE),
    facts: emptyFacts(root, today),
  };
  narrator.title('rolesmith demo: from an inventory to an audited catalogue');
  narrator.say(
    'Acme is a synthetic company of about 2,000 people and 300 machine ' +
      'identities (examples/acme; generated, not real data). Its access ' +
      'grew without roles; this demo mines roles from it, has them ' +
      'reviewed as code, and shows the audit trail that results.',
  );
  narrator.plain(`\n  Workspace: ${root}`);
  narrator.plain(`  Story day: ${today} (the inventory is of 2026-11-30)\n`);

  let index = 0;
  for (const [title, run] of STEPS) {
    narrator.step(++index, title);
    await run(story);
    narrator.done();
  }
  narrator.step(++index, 'Audit the trail and export an evidence pack');
  const packSeconds = await audit(story);
  narrator.done();
  narrator.step(++index, 'Governance metrics over the history');
  await metrics(story, packSeconds);
  narrator.done();
  narrator.step(++index, 'Write the HTML report');
  await report(story);
  narrator.done();

  story.facts.seconds = Math.round((performance.now() - started) / 100) / 10;
  await writeFile(
    join(root, 'demo-summary.json'),
    `${JSON.stringify(story.facts, null, 2)}\n`,
  );
  closing(story);
  return 0;
}

function closing(story: Story): void {
  const { facts, narrator, ws } = story;
  narrator.plain(`Done in ${facts.seconds.toFixed(1)} s. To explore:`);
  narrator.list([
    `report:     ${facts.report}`,
    `catalogue:  ${ws.catalogue} (git log --graph shows the trail)`,
    `proposals:  ${join(ws.catalogue, '.git', 'rolesmith', 'proposals')}`,
    `evidence:   ${facts.audit.pack}`,
    `step logs:  ${ws.logs}`,
  ]);
  narrator.plain(
    `\n  Replay any step from catalogue/ with: node ${CLI} <command>\n`,
  );
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`demo: ${message}\n`);
    process.exitCode = 1;
  },
);
