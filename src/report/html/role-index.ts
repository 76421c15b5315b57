import type { RoleEntry } from '../../model/index.ts';
import { anchorId, escapeHtml } from './escape.ts';

/**
 * One row per role, above the cards: a reviewer facing a hundred roles
 * needs to see them all at once (who they serve, how large, who owns
 * them, when they are due) before reading any one of them.
 */
export function renderRoleIndex(roles: readonly RoleEntry[]): string {
  const rows = roles.map(({ role }) => {
    const members = role.membership.identities.length;
    const rules = role.membership.criteria.length;
    const href = `#${escapeHtml(anchorId('role', role.id))}`;
    const ruleCount =
      rules > 0
        ? escapeHtml(` + ${rules} ${rules === 1 ? 'rule' : 'rules'}`)
        : '';
    const cells = [
      `<td><a href="${href}">${escapeHtml(role.title)}</a>` +
        ` <span class="id">${escapeHtml(role.id)}</span></td>`,
      `<td>${escapeHtml(role.audience)}</td>`,
      `<td class="num">${escapeHtml(members)}${ruleCount}</td>`,
      `<td class="num">${escapeHtml(role.entitlements.length)}</td>`,
      `<td>${role.owners.map(escapeHtml).join(', ')}</td>`,
      `<td class="date">${escapeHtml(role.review.nextReview ?? '')}</td>`,
      `<td>${role.evidence === undefined ? '' : 'mined'}</td>`,
    ];
    const open = `<tr data-testid="role-index-row" data-role-id="${escapeHtml(role.id)}">`;
    return `${open}${cells.join('')}</tr>`;
  });
  const head = [
    'Role',
    'Audience',
    'Members',
    'Entitlements',
    'Owners',
    'Next review',
    'Evidence',
  ]
    .map((h) => `<th scope="col">${h}</th>`)
    .join('');
  return [
    '<div class="scroll"><table class="index" data-testid="role-index">',
    '<caption>All roles</caption>',
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>${rows.join('')}</tbody>`,
    '</table></div>',
  ].join('');
}
