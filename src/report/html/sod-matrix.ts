import {
  buildSodIndex,
  HUMAN_AUDIENCE,
  MACHINE_AUDIENCE,
} from '../../checks/sod-index.ts';
import type { Catalogue } from '../../model/index.ts';
import { anchorId, escapeHtml } from './escape.ts';
import type { SodMatrix } from './types.ts';

/**
 * Which role holds entitlements of which risk's functions, computed with
 * the same SoD index `check` uses, so the matrix and the findings agree on
 * globs, system scopes and audiences.
 */
export function computeSodMatrix(catalogue: Catalogue): SodMatrix {
  const roles = [...catalogue.roles]
    .map((entry) => entry.role)
    .sort((a, b) => a.id.localeCompare(b.id));
  const index = buildSodIndex(
    catalogue.policies,
    roles.flatMap((role) => role.entitlements),
  );
  const cells: SodMatrix['cells'] = [];
  for (const role of roles) {
    const audience =
      role.audience === 'machine' ? MACHINE_AUDIENCE : HUMAN_AUDIENCE;
    const slots = new Set(role.entitlements.flatMap((e) => index.lookup(e)));
    for (const indexed of index.risks) {
      if ((indexed.audiences & audience) === 0) continue;
      const functions = indexed.risk.functions.filter((_, i) => {
        const slot = indexed.slots[i];
        return slot !== undefined && slots.has(slot);
      });
      if (functions.length > 0) {
        cells.push({ risk: indexed.risk.id, role: role.id, functions });
      }
    }
  }
  return {
    risks: index.risks.map(({ risk }) => ({
      id: risk.id,
      title: risk.title,
      functions: [...risk.functions],
    })),
    roles: roles.map((role) => role.id),
    cells,
  };
}

/**
 * Risks down, roles across. A cell names the functions of the risk the
 * role holds; a role holding all of them is a toxic combination by
 * itself and is marked as such, not only by colour, so print and screen
 * readers show it too.
 */
export function renderSodMatrix(matrix: SodMatrix): string {
  if (matrix.risks.length === 0 || matrix.roles.length === 0) {
    return (
      '<p class="muted" data-testid="sod-matrix-empty">' +
      'No SoD risks or no roles to compare.</p>'
    );
  }
  const cells = new Map(
    matrix.cells.map((cell) => [`${cell.risk}\u0000${cell.role}`, cell]),
  );
  const head = matrix.roles
    .map(
      (role) =>
        `<th scope="col"><a href="#${escapeHtml(anchorId('role', role))}">` +
        `${escapeHtml(role)}</a></th>`,
    )
    .join('');
  const body = matrix.risks
    .map((risk) => {
      const tds = matrix.roles.map((role) => {
        const cell = cells.get(`${risk.id}\u0000${role}`);
        const attrs =
          `data-testid="sod-cell" data-risk="${escapeHtml(risk.id)}" ` +
          `data-role="${escapeHtml(role)}"`;
        if (cell === undefined) {
          return `<td ${attrs} class="none"><span class="sr">not held</span></td>`;
        }
        const all = risk.functions.every((fn) => cell.functions.includes(fn));
        const mark = all ? '✖ all' : '●';
        const kind = all ? 'toxic' : 'partial';
        const title = escapeHtml(cell.functions.join(', '));
        const functions = cell.functions.map(escapeHtml).join(', ');
        return `<td ${attrs} class="${kind}" title="${title}">${mark} ${functions}</td>`;
      });
      const functions = risk.functions.map(escapeHtml).join(' + ');
      return [
        `<tr><th scope="row">${escapeHtml(risk.id)}`,
        `<br><span class="muted">${escapeHtml(risk.title)}</span>`,
        `<br><span class="muted">${functions}</span></th>`,
        `${tds.join('')}</tr>`,
      ].join('');
    })
    .join('');
  const caption =
    'SoD risks (rows) against roles (columns): the functions of each risk ' +
    'a role grants. ✖ all: the role alone holds every function of the risk.';
  return [
    '<div class="scroll"><table class="matrix" data-testid="sod-matrix">',
    `<caption>${caption}</caption>`,
    `<thead><tr><th scope="col">Risk</th>${head}</tr></thead>`,
    `<tbody>${body}</tbody>`,
    '</table></div>',
  ].join('');
}
