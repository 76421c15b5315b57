import type { RoleEntry } from '../../model/index.ts';
import { anchorId, escapeHtml } from './escape.ts';
import { evidenceFigures } from './evidence-figures.ts';

const percent = (share: number) => `${Math.round(share * 100)}%`;

function row(label: string, value: string): string {
  return `<tr><th scope="row">${escapeHtml(label)}</th><td>${value}</td></tr>`;
}

function evidenceSection(entry: RoleEntry): string {
  const evidence = entry.role.evidence;
  if (evidence === undefined) {
    return (
      '<p class="muted">No evidence block: this role was not mined or its ' +
      'evidence was removed.</p>'
    );
  }
  const figures = evidenceFigures(evidence);
  const rows: string[] = [];
  if (figures.members !== undefined) {
    rows.push(row('Members (mined)', escapeHtml(figures.members)));
  }
  if (figures.purity !== undefined) {
    const { attribute, value, share } = figures.purity;
    rows.push(
      row(
        'Strongest attribute',
        `${escapeHtml(attribute)} = ${escapeHtml(value)} (${escapeHtml(percent(share))})`,
      ),
    );
  }
  if (figures.coverage !== undefined) {
    rows.push(
      row("Coverage of members' access", escapeHtml(percent(figures.coverage))),
    );
  }
  if (figures.confidence !== undefined) {
    rows.push(row('Miner confidence', escapeHtml(figures.confidence)));
  }
  if (figures.dataDate !== undefined) {
    rows.push(row('Data date', escapeHtml(figures.dataDate)));
  }
  for (const source of figures.sources) {
    rows.push(
      row(
        `Source ${source.file}`,
        `<code class="digest">sha256:${escapeHtml(source.sha256)}</code>`,
      ),
    );
  }
  if (rows.length === 0) {
    return '<p class="muted">The evidence block has none of the usual figures.</p>';
  }
  return [
    '<table class="facts" data-testid="role-evidence">',
    '<caption>Evidence</caption>',
    `<tbody>${rows.join('')}</tbody>`,
    '</table>',
  ].join('');
}

/** One role as a card: who owns it, what it is for, and why it exists. */
export function renderRoleCard(entry: RoleEntry): string {
  const { role, file } = entry;
  const members = role.membership.identities.length;
  const criteria = role.membership.criteria.length;
  // A wrapping list rather than a one-column table: a role of twenty
  // entitlements should not be a screen tall.
  const items = role.entitlements
    .map((e) => `<li><code>${escapeHtml(e)}</code></li>`)
    .join('');
  const entitlements =
    role.entitlements.length === 0
      ? '<p class="muted">Grants no entitlements.</p>'
      : `<h4>Entitlements (${role.entitlements.length})</h4>` +
        `<ul class="codes" data-testid="role-entitlements">${items}</ul>`;
  const owners =
    role.owners.length === 0
      ? '<span class="muted">none</span>'
      : role.owners.map(escapeHtml).join(', ');
  const rules =
    criteria > 0
      ? `, ${criteria} attribute ${criteria === 1 ? 'rule' : 'rules'}`
      : '';
  return [
    `<article class="card" id="${escapeHtml(anchorId('role', role.id))}"` +
      ` data-testid="role-card" data-role-id="${escapeHtml(role.id)}">`,
    `<h3>${escapeHtml(role.title)} <span class="id">${escapeHtml(role.id)}</span></h3>`,
    '<dl class="meta">',
    `<dt>File</dt><dd><code>${escapeHtml(file)}</code></dd>`,
    `<dt>Audience</dt><dd>${escapeHtml(role.audience)}</dd>`,
    `<dt>Owners</dt><dd>${owners}</dd>`,
    `<dt>Members</dt><dd>${escapeHtml(`${members} named${rules}`)}</dd>`,
    ...(role.review.nextReview === undefined
      ? []
      : [`<dt>Next review</dt><dd>${escapeHtml(role.review.nextReview)}</dd>`]),
    '</dl>',
    role.description.trim() === ''
      ? '<p class="muted">No description.</p>'
      : `<p class="summary" data-testid="role-summary">${escapeHtml(role.description)}</p>`,
    evidenceSection(entry),
    entitlements,
    '</article>',
  ].join('');
}
