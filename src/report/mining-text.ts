import type { MiningResult } from '../mining/types.ts';
import { createPalette, printable } from './ansi.ts';

const SHOWN_ROLES = 20;

/** A mining run summarised for a person at a terminal. */
export function renderMiningText(
  result: MiningResult,
  options: { color: boolean },
): string {
  const c = createPalette(options.color);
  const m = result.metrics;
  const lines: string[] = [];
  lines.push(
    c.bold(`Mined ${m.roles} candidate roles (${result.algorithm.name})`),
  );
  lines.push(
    `  |UA| ${m.ua}  |PA| ${m.pa}  WSC ${m.wsc}  exceptions ` +
      `${m.exceptions}  coverage ${(m.coverage * 100).toFixed(1)}%`,
  );
  lines.push(
    `  roles per identity ${m.rolesPerIdentity.mean.toFixed(2)} (max ` +
      `${m.rolesPerIdentity.max}), entitlements per role ` +
      `${m.entitlementsPerRole.mean.toFixed(1)} (max ` +
      `${m.entitlementsPerRole.max})`,
  );
  if (result.optimal !== null || result.lowerBound !== null) {
    const proof =
      result.optimal === true
        ? c.green('proven optimal')
        : 'not proven optimal';
    lines.push(`  ${proof}; lower bound ${result.lowerBound ?? 'unknown'}`);
  }
  lines.push('');
  for (const role of result.roles.slice(0, SHOWN_ROLES)) {
    const purity = role.stats?.purity[0];
    const aligned =
      purity === undefined
        ? ''
        : c.dim(
            `  ${purity.count} of ${role.identities.length} ` +
              `${printable(purity.attribute)}=${printable(purity.value)}`,
          );
    lines.push(
      `${c.cyan(printable(role.id))} [${role.audience}] ` +
        `${role.identities.length} members × ` +
        `${role.entitlements.length} entitlements${aligned}`,
    );
  }
  if (result.roles.length > SHOWN_ROLES) {
    lines.push(
      c.dim(
        `… and ${result.roles.length - SHOWN_ROLES} more roles (--format json lists all)`,
      ),
    );
  }
  const reasons = new Map<string, number>();
  for (const e of result.exceptions)
    reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
  if (reasons.size > 0) {
    lines.push('');
    lines.push(c.bold('Left out of roles'));
    for (const [reason, count] of [...reasons].sort()) {
      lines.push(`  ${count} ${reason}`);
    }
  }
  if ((result.outliers?.length ?? 0) > 0) {
    lines.push('');
    lines.push(c.bold(`${result.outliers?.length ?? 0} access outliers`));
    for (const o of (result.outliers ?? []).slice(0, 10)) {
      lines.push(
        `  ${printable(o.identity)} vs ${printable(o.peerGroup)}: unusual ` +
          o.unusual.slice(0, 5).map(printable).join(', '),
      );
    }
  }
  lines.push(...sodLines(result, c), ...justInTimeLines(result, c));
  return `${lines.join('\n')}\n`;
}

const SHOWN_FINDINGS = 10;

type Palette = ReturnType<typeof createPalette>;

function sodLines(result: MiningResult, c: Palette): string[] {
  const violations = result.sodViolations ?? [];
  if (violations.length === 0) return [];
  const open = violations.filter((v) => v.mitigation === undefined);
  const lines = [
    '',
    c.bold(
      `${violations.length} identities violate an SoD risk today (${open.length} unmitigated)`,
    ),
  ];
  for (const v of violations.slice(0, SHOWN_FINDINGS)) {
    const state =
      v.mitigation === undefined
        ? c.red('unmitigated')
        : c.dim(`mitigated by ${printable(v.mitigation)}`);
    lines.push(
      `  ${printable(v.identity)} ${printable(v.risk)}: ` +
        `${v.entitlements.map(printable).join(', ')} (${state})`,
    );
  }
  if (violations.length > SHOWN_FINDINGS) {
    lines.push(
      c.dim(
        `  … and ${violations.length - SHOWN_FINDINGS} more (--format json)`,
      ),
    );
  }
  return lines;
}

function justInTimeLines(result: MiningResult, c: Palette): string[] {
  const candidates = result.justInTime ?? [];
  if (candidates.length === 0) return [];
  const lines = [
    '',
    c.bold(`${candidates.length} entitlements to grant just in time`),
  ];
  for (const j of candidates.slice(0, SHOWN_FINDINGS)) {
    const some = j.identities.slice(0, 3).map(printable).join(', ');
    const more = j.identities.length > 3 ? ', …' : '';
    lines.push(
      `  ${printable(j.entitlement)}: ${j.identities.length} holders ` +
        `(${some}${more})`,
    );
  }
  return lines;
}
