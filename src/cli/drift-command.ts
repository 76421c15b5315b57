import { resolve } from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';
import {
  createFsTree,
  placeFindings,
  readCatalogue,
} from '../catalogue/index.ts';
import { DEFAULT_UNUSED_DAYS, evaluateDrift } from '../checks/drift.ts';
import { EXIT, usageError } from '../errors.ts';
import { readInventories } from '../inventory/read-inventory.ts';
import type { OnBadRecord } from '../inventory/reader.ts';
import type { Severity } from '../model/index.ts';
import { atLeast, compareFindings, dataDateOf } from '../model/index.ts';
import {
  isReportFormat,
  renderReport,
  REPORT_FORMATS,
} from '../report/index.ts';
import type { ReportFormat } from '../report/index.ts';
import { catalogueFolder } from './catalogue-input.ts';
import type { CommandContext } from './command.ts';
import { githubSourceFormat } from './github-source.ts';
import { failOnOption, stringOption } from './values.ts';
import { rolesmithVersion } from './version.ts';

/**
 * Findings that mean a catalogue file could not be read: its roles or
 * exceptions would drop out and every grant of theirs would look like
 * drift, so the run exits 2 whatever `--fail-on` says (as `check` does).
 */
const INPUT_CODES = /^(yaml|file|schema)\./;

interface DriftCliOptions {
  catalogue: string;
  unusedDays: number;
  format: ReportFormat;
  output?: string;
  failOn: Severity | 'never';
  today: string;
  onBadRecord: OnBadRecord;
}

/** `rolesmith drift <inventory…>`: actual access against the catalogue. */
export async function runDrift(ctx: CommandContext): Promise<number> {
  const options = parseOptions(ctx);
  if (ctx.positionals.length === 0) {
    throw usageError(
      'drift needs at least one inventory source',
      'rolesmith drift <source…> [--catalogue dir], e.g. rolesmith drift ./hr-export',
    );
  }
  const dir = await catalogueFolder(ctx.cwd, options.catalogue);
  const read = await readInventories(ctx.positionals, {
    logger: ctx.logger,
    cwd: ctx.cwd,
    onBadRecord: options.onBadRecord,
    extraFormats: [githubSourceFormat(ctx.env)],
  });
  const tree = createFsTree(dir);
  const current = await readCatalogue({ grants: tree, rules: tree });
  const dataDate = dataDateOf(read.inventory);
  ctx.logger.debug('drift inputs read', {
    roles: current.catalogue.roles.length,
    exceptions: current.catalogue.exceptions.length,
    assignments: read.inventory.assignments.length,
    dataDate,
  });

  const findings = [
    ...current.findings,
    ...evaluateDrift(current.catalogue, read.inventory, {
      unusedDays: options.unusedDays,
      dataDate,
      today: options.today,
    }),
  ];
  const placed = placeFindings(findings, current.sources).sort(compareFindings);
  const text = renderReport(
    options.format,
    {
      tool: { name: 'rolesmith', version: rolesmithVersion() },
      findings: placed,
      files: current.files,
      failOn: options.failOn,
    },
    { color: ctx.color && options.output === undefined },
  );
  if (options.output === undefined) ctx.out(text);
  else await writeFileAtomic(resolve(ctx.cwd, options.output), text);

  if (placed.some((f) => INPUT_CODES.test(f.code))) return EXIT.usage;
  const threshold = options.failOn;
  if (threshold === 'never') return EXIT.ok;
  return placed.some((f) => atLeast(f, threshold)) ? EXIT.findings : EXIT.ok;
}

function parseOptions(ctx: CommandContext): DriftCliOptions {
  const format = stringOption(ctx.values, 'format') ?? 'text';
  if (!isReportFormat(format)) {
    throw usageError(
      `unknown format "${format}"`,
      `one of ${REPORT_FORMATS.join(', ')}`,
    );
  }
  const failOn = failOnOption(ctx.values, 'warning');
  const daysText = stringOption(ctx.values, 'unused-days');
  const unusedDays =
    daysText === undefined ? DEFAULT_UNUSED_DAYS : Number(daysText);
  if (!/^\d+$/.test(daysText ?? '0') || unusedDays < 1) {
    throw usageError(
      `--unused-days "${daysText ?? ''}" is not a whole number of days`,
      'a whole number of days of at least 1, e.g. --unused-days 90',
    );
  }
  const today = stringOption(ctx.values, 'today') ?? ctx.today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw usageError(
      `--today "${today}" is not a date`,
      'YYYY-MM-DD, e.g. 2026-12-03',
    );
  }
  const onBadRecord = stringOption(ctx.values, 'on-bad-record') ?? 'stop';
  if (onBadRecord !== 'stop' && onBadRecord !== 'skip') {
    throw usageError(
      `unknown --on-bad-record "${onBadRecord}"`,
      'stop or skip',
    );
  }
  const output = stringOption(ctx.values, 'output');
  return {
    catalogue: stringOption(ctx.values, 'catalogue') ?? '.',
    unusedDays,
    format,
    ...(output !== undefined && { output }),
    failOn,
    today,
    onBadRecord,
  };
}
