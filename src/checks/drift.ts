import type { Catalogue, Finding, Inventory } from '../model/index.ts';
import { systemOf } from '../model/index.ts';
import type { DriftContext, DriftOptions } from './drift-context.ts';
import { buildDriftContext, listIds } from './drift-context.ts';
import {
  criteriaMismatchFindings,
  missingGrantFindings,
} from './drift-members.ts';
import { unusedFindings } from './drift-usage.ts';

export type { DriftOptions } from './drift-context.ts';

/** Days of disuse before granted access counts as unused, by default. */
export const DEFAULT_UNUSED_DAYS = 90;

/**
 * Actual access against the approved catalogue, in both directions: what
 * the systems show that nothing approved (`drift.unexplained`), what the
 * catalogue promises that the systems do not show (`drift.missing-grant`),
 * members the catalogue should no longer name (`drift.criteria-mismatch`)
 * and approved access nobody uses (`drift.unused`).
 *
 * Findings about a role point at the role file, findings about an
 * exception at its entry, so that they can be placed on lines.
 */
export function evaluateDrift(
  catalogue: Catalogue,
  inventory: Inventory,
  options: DriftOptions,
): Finding[] {
  const context = buildDriftContext(catalogue, inventory, options);
  const findings = [
    ...unexplainedFindings(context),
    ...missingGrantFindings(context),
    ...criteriaMismatchFindings(context),
    ...unusedFindings(context),
  ];
  return findings.sort(byPlace);
}

/**
 * Held access that no role of the holder and no exception in force grants.
 * Only systems the catalogue grants something in are judged: a catalogue
 * of SAP roles says nothing about who may hold GitHub access.
 */
function unexplainedFindings(context: DriftContext): Finding[] {
  const findings: Finding[] = [];
  const ids = [...context.held.keys()].sort();
  for (const identity of ids) {
    const granted = context.grants.get(identity);
    const unexplained = [...(context.held.get(identity)?.keys() ?? [])]
      .filter(
        (entitlement) =>
          granted?.has(entitlement) !== true &&
          context.catalogueSystems.has(systemOf(entitlement)),
      )
      .sort();
    const loose: string[] = [];
    for (const entitlement of unexplained) {
      const lapsed = context.expired.get(`${identity} ${entitlement}`);
      if (lapsed === undefined) {
        loose.push(entitlement);
        continue;
      }
      // An expired exception is the reviewer's lead: it names an owner
      // and a reason, so the finding goes where they can be renewed.
      findings.push({
        code: 'drift.unexplained',
        severity: 'warning',
        file: lapsed.site.file,
        path: lapsed.site.path,
        message:
          `Identity ${identity} still holds ${entitlement}, but its ` +
          `exception expired on ${lapsed.expires}`,
        hint:
          'Revoke the access in the source system, or renew the exception ' +
          'after review with a new expiry.',
        subject: { identity, entitlements: [entitlement] },
      });
    }
    if (loose.length === 0) continue;
    const what =
      loose.length === 1
        ? `${loose.join('')}, which neither its roles nor an approved exception grants`
        : `${loose.length} entitlements that neither its roles nor an ` +
          `approved exception grant: ${listIds(loose)}`;
    findings.push({
      code: 'drift.unexplained',
      severity: 'warning',
      message: `Identity ${identity} holds ${what}`,
      hint:
        `Revoke the access in the source system, add ${identity} to ` +
        'a role that grants it, or record an approved exception ' +
        'with an owner and an expiry.',
      subject: { identity, entitlements: loose },
    });
  }
  return findings;
}

/**
 * File, then JSON path with list indexes in numeric order, then code and
 * message: before lines are placed, this is the order of the file.
 */
function byPlace(a: Finding, b: Finding): number {
  return (
    compareText(a.file ?? '', b.file ?? '') ||
    comparePaths(a.path ?? '', b.path ?? '') ||
    compareText(a.code, b.code) ||
    compareText(a.message, b.message)
  );
}

function comparePaths(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    return numeric ? Number(x) - Number(y) : compareText(x, y);
  }
  return left.length - right.length;
}

// Code-unit order, so that the order never depends on the locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
