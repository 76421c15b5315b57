import { resolve } from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';
import { usageError } from '../errors.ts';
import type { Severity } from '../model/index.ts';
import { atLeast } from '../model/index.ts';
import { renderReport } from '../report/index.ts';
import type { ReportFormat } from '../report/index.ts';
import { checkCatalogue } from './check-run.ts';
import { catalogueFolder, readInventoryOption } from './catalogue-input.ts';
import type { CommandContext } from './command.ts';
import { EXIT } from '../errors.ts';
import { rolesmithVersion } from './version.ts';
import { failOnOption, stringOption, stringList } from './values.ts';

const FORMATS: ReportFormat[] = [
  'text',
  'json',
  'sarif',
  'github',
  'markdown',
  'junit',
];

/**
 * Findings that mean the input itself is broken (unreadable files, wrong
 * types, ids that could escape roles/): exit 2, not 1, even under
 * `--fail-on never`. They are still rendered in every format.
 */
const INPUT_CODES = /^(yaml|file|schema)\./;

export async function runCheck(ctx: CommandContext): Promise<number> {
  const options = parseOptions(ctx);
  if (ctx.positionals.length > 1) {
    throw usageError(
      `check takes one catalogue folder, got ${ctx.positionals.length}`,
      'rolesmith check [dir]; pass inventories with --inventory',
    );
  }
  const dir = await catalogueFolder(ctx.cwd, ctx.positionals[0] ?? '.');
  const inventory = await readInventoryOption(options.inventories, ctx);
  const { placed, current, change } = await checkCatalogue({
    dir,
    today: options.today,
    logger: ctx.logger,
    ...(options.base !== undefined && { base: options.base }),
    ...(inventory !== undefined && { inventory }),
  });

  // Report.
  const text = renderReport(
    options.format,
    {
      tool: { name: 'rolesmith', version: rolesmithVersion() },
      findings: placed,
      ...(change !== undefined && { impact: change.impact }),
      files: current.files,
      failOn: options.failOn,
    },
    { color: ctx.color && options.output === undefined },
  );
  if (options.output === undefined) ctx.out(text);
  else await writeFileAtomic(resolve(ctx.cwd, options.output), text);

  if (placed.some((f) => INPUT_CODES.test(f.code))) return EXIT.usage;
  if (options.failOn === 'never') return EXIT.ok;
  const threshold = options.failOn;
  return placed.some((f) => atLeast(f, threshold)) ? EXIT.findings : EXIT.ok;
}

interface CheckOptions {
  base?: string;
  inventories: string[];
  format: ReportFormat;
  output?: string;
  failOn: Severity | 'never';
  today: string;
}

function parseOptions(ctx: CommandContext): CheckOptions {
  const format = stringOption(ctx.values, 'format') ?? 'text';
  if (!(FORMATS as string[]).includes(format)) {
    throw usageError(
      `unknown format "${format}"`,
      `one of ${FORMATS.join(', ')}`,
    );
  }
  const failOn = failOnOption(
    ctx.values,
    ctx.values.strict === true ? 'warning' : 'error',
  );
  const today = stringOption(ctx.values, 'today') ?? ctx.today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw usageError(
      `--today "${today}" is not a date`,
      'YYYY-MM-DD, e.g. 2026-12-03',
    );
  }
  const base = stringOption(ctx.values, 'base');
  const output = stringOption(ctx.values, 'output');
  return {
    ...(base !== undefined && { base }),
    ...(output !== undefined && { output }),
    inventories: stringList(ctx.values, 'inventory'),
    format: format as ReportFormat,
    failOn,
    today,
  };
}
