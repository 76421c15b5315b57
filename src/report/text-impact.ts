import { printable } from './ansi.ts';
import type { Palette } from './ansi.ts';
import { limitItems } from './limit.ts';
import type { AccessImpactSummary } from './report-input.ts';

/** Items shown per list; the full lists are in the JSON report. */
export const TEXT_IMPACT_LIMIT = 10;

interface Section {
  title: string;
  lines: string[];
}

/** The access impact of a change under `check --base`. */
export function renderImpactText(
  impact: AccessImpactSummary,
  paint: Palette,
): string {
  const sections: Section[] = [
    {
      title: 'Gained',
      lines: impact.gains.map(
        (g) => `+ ${g.identity}  ${g.entitlement}${via(g.via)}`,
      ),
    },
    {
      title: 'Lost',
      lines: impact.losses.map(
        (l) => `- ${l.identity}  ${l.entitlement}${via(l.via)}`,
      ),
    },
    {
      title: 'New critical access',
      lines: impact.newCritical.map((c) => `! ${c.identity}  ${c.entitlement}`),
    },
    {
      title: 'New SoD-relevant access',
      lines: impact.newSodRelevant.map(
        (s) => `! ${s.identity}  ${s.entitlement}  risks ${s.risks.join(', ')}`,
      ),
    },
    {
      title: 'Policy changes needing policy-owner approval',
      lines: impact.policyChanges.map(
        (p) => `${p.status.padEnd(8)}  ${p.file}  owners ${ownersOf(p.owners)}`,
      ),
    },
  ];

  const heading = paint.bold(`Access impact against ${printable(impact.base)}`);
  const filled = sections.filter((section) => section.lines.length > 0);
  if (filled.length === 0) return `${heading}: no changes`;
  return [heading, ...filled.map((s) => renderSection(s, paint))].join('\n');
}

function renderSection(section: Section, paint: Palette): string {
  const { shown, omitted } = limitItems(section.lines, TEXT_IMPACT_LIMIT);
  const lines = [`  ${section.title} (${section.lines.length}):`];
  lines.push(...shown.map((line) => `    ${printable(line)}`));
  if (omitted > 0) lines.push(paint.dim(`    … and ${omitted} more`));
  return lines.join('\n');
}

function via(roles: readonly string[]): string {
  return roles.length === 0 ? '' : `  via ${roles.join(', ')}`;
}

function ownersOf(owners: readonly string[]): string {
  return owners.length === 0 ? '(none)' : owners.join(', ');
}
