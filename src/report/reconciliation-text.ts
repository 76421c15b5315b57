import type { Reconciliation } from '../evidence/reconcile.ts';
import { createPalette, printable } from './ansi.ts';

/** What `mine --write` did: the reconciliation and the files it wrote. */
export interface WriteOutcome {
  reconciliation: Reconciliation;
  /** Files created or updated, relative to the working directory. */
  written: { file: string; role: string; status: 'new' | 'changed' }[];
}

const SHOWN = 20;

/** What `mine --write` changed in the catalogue, and why. */
export function renderReconciliationText(
  outcome: WriteOutcome,
  options: { color: boolean },
): string {
  const c = createPalette(options.color);
  const { entries, suggestions } = outcome.reconciliation;
  const counts = new Map<string, number>();
  for (const e of entries)
    counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
  const lines = [
    '',
    c.bold('Reconciled with the catalogue'),
    `  ${[...counts].map(([status, n]) => `${n} ${status}`).join(', ') || 'nothing to reconcile'}`,
  ];
  for (const e of entries
    .filter((x) => x.status !== 'unchanged')
    .slice(0, SHOWN)) {
    lines.push(`  ${c.cyan(printable(e.role))} ${e.status}`);
    for (const reason of e.reasons)
      lines.push(c.dim(`    ${printable(reason)}`));
  }
  for (const s of suggestions.slice(0, SHOWN)) {
    lines.push(
      `  ${s.kind} ${s.roles.map(printable).join(' + ')}: ${printable(s.reason)}`,
    );
  }
  if (outcome.written.length > 0) {
    lines.push(
      '',
      c.bold(
        `Wrote ${outcome.written.length} role ${outcome.written.length === 1 ? 'file' : 'files'}`,
      ),
    );
    for (const w of outcome.written.slice(0, SHOWN)) {
      lines.push(
        `  ${w.status === 'new' ? c.green('new') : c.yellow('changed')} ${printable(w.file)}`,
      );
    }
    if (outcome.written.length > SHOWN) {
      lines.push(c.dim(`  … and ${outcome.written.length - SHOWN} more`));
    }
  }
  return `${lines.join('\n')}\n`;
}
