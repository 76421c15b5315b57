import type { Finding } from '../../model/index.ts';
import { escapeHtml } from './escape.ts';

function location(finding: Finding): string {
  if (finding.file === undefined) return '';
  const line = finding.line === undefined ? '' : `:${finding.line}`;
  return `${finding.file}${line}`;
}

/** Any findings (check or drift) as a table, in the order given. */
export function renderFindingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) {
    return '<p data-testid="findings-empty">No findings.</p>';
  }
  const rows = findings
    .map((f) => {
      const hint =
        f.hint === undefined
          ? ''
          : `<br><span class="muted">${escapeHtml(f.hint)}</span>`;
      return [
        `<tr data-testid="finding-row" data-code="${escapeHtml(f.code)}"`,
        ` class="sev-${escapeHtml(f.severity)}">`,
        `<td>${escapeHtml(f.severity)}</td>`,
        `<td><code>${escapeHtml(f.code)}</code></td>`,
        `<td><code>${escapeHtml(location(f))}</code></td>`,
        `<td>${escapeHtml(f.message)}${hint}</td>`,
        '</tr>',
      ].join('');
    })
    .join('');
  const caption = `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}`;
  return [
    '<div class="scroll"><table class="findings" data-testid="findings">',
    `<caption>${caption}</caption>`,
    '<thead><tr>',
    '<th scope="col">Severity</th>',
    '<th scope="col">Code</th>',
    '<th scope="col">Location</th>',
    '<th scope="col">Message</th>',
    '</tr></thead>',
    `<tbody>${rows}</tbody></table></div>`,
  ].join('');
}
