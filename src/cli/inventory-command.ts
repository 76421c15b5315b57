import { resolve } from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';
import { EXIT, usageError } from '../errors.ts';
import { readIdentityMap } from '../inventory/identity-map.ts';
import type { QualityReport } from '../inventory/quality.ts';
import {
  DEFAULT_QUALITY_OPTIONS,
  evaluateQuality,
} from '../inventory/quality.ts';
import { readInventories } from '../inventory/read-inventory.ts';
import type { OnBadRecord } from '../inventory/reader.ts';
import { renderQualityMarkdown } from '../report/quality-markdown.ts';
import { renderQualityText } from '../report/quality-text.ts';
import type { CommandContext } from './command.ts';
import { githubSourceFormat } from './github-source.ts';
import { stringOption } from './values.ts';

const FORMATS = ['text', 'json', 'markdown'] as const;
type QualityFormat = (typeof FORMATS)[number];

/** `rolesmith inventory <sources…>`: read, merge and judge the data. */
export async function runInventory(ctx: CommandContext): Promise<number> {
  if (ctx.positionals.length === 0) {
    throw usageError(
      'name at least one inventory source',
      'rolesmith inventory ./hr-export aws:authz.json k8s:./manifests',
    );
  }
  const format = (stringOption(ctx.values, 'format') ??
    'text') as QualityFormat;
  if (!FORMATS.includes(format)) {
    throw usageError(`unknown format "${format}"`, FORMATS.join(', '));
  }
  const onBadRecord = stringOption(ctx.values, 'on-bad-record') ?? 'stop';
  if (!isOnBadRecord(onBadRecord)) {
    throw usageError(
      `unknown --on-bad-record "${onBadRecord}"`,
      'stop or skip',
    );
  }
  const staleText = stringOption(ctx.values, 'stale-days');
  const staleDays =
    staleText === undefined
      ? DEFAULT_QUALITY_OPTIONS.staleDays
      : Number(staleText);
  if (!Number.isInteger(staleDays) || staleDays < 1) {
    throw usageError(
      `--stale-days "${staleText ?? ''}" is not a whole number of days`,
      'e.g. --stale-days 90',
    );
  }
  const mapFile = stringOption(ctx.values, 'identity-map');
  const mappings =
    mapFile === undefined
      ? []
      : await readIdentityMap(resolve(ctx.cwd, mapFile));

  const read = await readInventories(ctx.positionals, {
    logger: ctx.logger,
    cwd: ctx.cwd,
    extraFormats: [githubSourceFormat(ctx.env)],
    onBadRecord,
    mappings,
  });
  const report = evaluateQuality(
    read.inventory,
    { skipped: read.skipped, conflicts: read.conflicts },
    { ...DEFAULT_QUALITY_OPTIONS, staleDays },
  );

  const text = render(
    format,
    report,
    ctx.color && stringOption(ctx.values, 'output') === undefined,
  );
  const output = stringOption(ctx.values, 'output');
  if (output === undefined) ctx.out(text);
  else await writeFileAtomic(resolve(ctx.cwd, output), text);

  const failing = report.issues.some((issue) => issue.severity === 'error');
  return ctx.values.strict === true && failing ? EXIT.findings : EXIT.ok;
}

function isOnBadRecord(value: string): value is OnBadRecord {
  return value === 'stop' || value === 'skip';
}

function render(
  format: QualityFormat,
  report: QualityReport,
  color: boolean,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return renderQualityMarkdown(report);
    case 'text':
      return renderQualityText(report, { color });
  }
}
