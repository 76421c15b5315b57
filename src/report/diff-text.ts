import type {
  CatalogueDiff,
  EntitlementChange,
} from '../checks/catalogue-diff.ts';
import { createPalette, printable } from './ansi.ts';
import type { Palette } from './ansi.ts';
import { accessSummary, membershipNote, metricRows } from './diff-metrics.ts';
import { limitItems } from './limit.ts';
import { countOf } from './plural.ts';

/** Identities (or roles) named per line before `and N more`. */
export const TEXT_DIFF_NAMES = 10;

/** Entitlements shown; the JSON output has every one. */
export const TEXT_DIFF_ENTITLEMENTS = 50;

/** Lines per critical or SoD list. */
export const TEXT_DIFF_LINES = 20;

/** A catalogue diff for a person at a terminal: counts first, then lists. */
export function renderDiffText(
  diff: CatalogueDiff,
  options: { color: boolean },
): string {
  const paint = createPalette(options.color);
  const head = [
    paint.bold(
      `Catalogue diff: ${printable(diff.before)} → ${printable(diff.after)}`,
    ),
  ];
  const note = membershipNote(diff);
  if (note !== undefined) head.push(paint.dim(printable(note)));
  head.push(renderRoles(diff), renderSummary(diff));

  const blocks = [head.join('\n')];
  if (diff.entitlements.length > 0) blocks.push(renderAccess(diff, paint));
  const critical = diff.newCritical.map(
    (c) => `! ${c.identity}  ${c.entitlement}`,
  );
  if (critical.length > 0) {
    blocks.push(renderLines('New critical access', critical, paint));
  }
  const sod = diff.newSodRelevant.map(
    (s) => `! ${s.identity}  ${s.entitlement}  risks ${s.risks.join(', ')}`,
  );
  if (sod.length > 0) {
    blocks.push(renderLines('New SoD-relevant access', sod, paint));
  }
  blocks.push(renderMetrics(diff, paint));
  return `${blocks.join('\n\n')}\n`;
}

function renderRoles(diff: CatalogueDiff): string {
  const { added, removed, changed } = diff.roles;
  const parts = [
    ['added', added],
    ['removed', removed],
    ['changed', changed],
  ] as const;
  const filled = parts.filter(([, ids]) => ids.length > 0);
  if (filled.length === 0) return 'Roles: no role added, removed or changed';
  const listed = filled.map(
    ([verb, ids]) => `${ids.length} ${verb} (${names(ids)})`,
  );
  return `Roles: ${listed.join('; ')}`;
}

function renderSummary(diff: CatalogueDiff): string {
  return `Access: ${accessSummary(diff)}`;
}

function renderAccess(diff: CatalogueDiff, paint: Palette): string {
  const { shown, omitted } = limitItems(
    diff.entitlements,
    TEXT_DIFF_ENTITLEMENTS,
  );
  const lines = [`Access by entitlement (${diff.entitlements.length}):`];
  for (const change of shown) lines.push(...renderEntitlement(change, paint));
  if (omitted > 0) {
    lines.push(
      paint.dim(
        `  … and ${countOf(omitted, 'more entitlement')} (--format json lists all)`,
      ),
    );
  }
  return lines.join('\n');
}

function renderEntitlement(
  change: EntitlementChange,
  paint: Palette,
): string[] {
  const counts = [
    change.gained.length > 0 ? paint.green(`+${change.gained.length}`) : '',
    change.lost.length > 0 ? paint.red(`-${change.lost.length}`) : '',
  ].filter((part) => part !== '');
  const lines = [`  ${printable(change.entitlement)}  ${counts.join(' ')}`];
  const ids = (list: { identity: string }[]) => list.map((c) => c.identity);
  if (change.gained.length > 0) {
    lines.push(
      `    gaining (${change.gained.length}): ${names(ids(change.gained))}`,
    );
  }
  if (change.lost.length > 0) {
    lines.push(
      `    losing (${change.lost.length}): ${names(ids(change.lost))}`,
    );
  }
  return lines;
}

function renderLines(title: string, items: string[], paint: Palette): string {
  const { shown, omitted } = limitItems(items, TEXT_DIFF_LINES);
  const lines = [`${title} (${items.length}):`];
  lines.push(...shown.map((line) => `  ${printable(line)}`));
  if (omitted > 0) lines.push(paint.dim(`  … and ${omitted} more`));
  return lines.join('\n');
}

function renderMetrics(diff: CatalogueDiff, paint: Palette): string {
  const rows = metricRows(diff.metrics);
  const table = [
    ['Metrics', 'before', 'after'],
    ...rows.map((r) => [`  ${r.label}`, r.before, r.after]),
  ];
  const widths = [0, 1, 2].map((column) =>
    Math.max(...table.map((cells) => cells[column]?.length ?? 0)),
  );
  const line = ([label = '', before = '', after = '']: string[]) =>
    [
      label.padEnd(widths[0] ?? 0),
      before.padStart(widths[1] ?? 0),
      after.padStart(widths[2] ?? 0),
    ].join('  ');
  const [header = [], ...body] = table;
  return [
    paint.bold(`${line(header)}  change`),
    ...body.map((cells, i) => {
      const change = rows[i]?.change ?? '0';
      // Dim the unchanged so that the rows that moved stand out.
      const painted = change === '0' ? paint.dim(change) : change;
      return `${line(cells)}  ${painted}`;
    }),
  ].join('\n');
}

/** Ids joined by commas, cut at `TEXT_DIFF_NAMES` with `and N more`. */
function names(ids: readonly string[]): string {
  const { shown, omitted } = limitItems(ids, TEXT_DIFF_NAMES);
  const list = shown.map(printable).join(', ');
  return omitted > 0 ? `${list} and ${omitted} more` : list;
}
