import { describe, expect, it } from 'vitest';
import type { Assignment, Finding, Inventory } from '../model/index.ts';
import { evaluateDrift } from './drift.ts';
import type { DriftOptions } from './drift.ts';
import {
  buildCatalogue,
  buildException,
  buildIdentity,
  buildInventory,
  buildRole,
} from './fixtures.ts';

const OPTIONS: DriftOptions = {
  unusedDays: 90,
  dataDate: '2026-06-30',
  today: '2026-11-01',
};

/** Code, file, path and message: what a reviewer reads. */
function brief(findings: Finding[]) {
  return findings.map(({ code, severity, file, path, message }) => ({
    code,
    severity,
    ...(file !== undefined && { file }),
    ...(path !== undefined && { path }),
    message,
  }));
}

function withUsage(
  inventory: Inventory,
  usage: Record<string, Partial<Assignment>>,
): Inventory {
  return {
    ...inventory,
    assignments: inventory.assignments.map((a) => ({
      ...a,
      ...usage[`${a.identity} ${a.entitlement}`],
    })),
  };
}

describe('evaluateDrift: drift.unexplained', () => {
  it('reports held access no role or exception grants, per identity', () => {
    const catalogue = buildCatalogue({
      roles: [
        buildRole({ id: 'ap', entitlements: ['sap:FB60'], members: ['u1'] }),
      ],
    });
    const inventory = buildInventory({
      identities: [buildIdentity('u1'), buildIdentity('u2')],
      assignments: [
        ['u1', 'sap:FB60'],
        ['u1', 'sap:F110'],
        ['u2', 'sap:XK01'],
        ['u2', 'sap:F110'],
        // A system the catalogue grants nothing in is not judged.
        ['u2', 'github:acme/web:write'],
      ],
    });

    expect(brief(evaluateDrift(catalogue, inventory, OPTIONS))).toEqual([
      {
        code: 'drift.unexplained',
        severity: 'warning',
        message:
          'Identity u1 holds sap:F110, which neither its roles nor an approved exception grants',
      },
      {
        code: 'drift.unexplained',
        severity: 'warning',
        message:
          'Identity u2 holds 2 entitlements that neither its roles nor an ' +
          'approved exception grant: sap:F110, sap:XK01',
      },
    ]);
  });

  it('counts roles reached through criteria as explaining access', () => {
    const catalogue = buildCatalogue({
      roles: [
        buildRole({
          id: 'ap',
          entitlements: ['sap:FB60'],
          criteria: [{ department: 'Finance' }],
        }),
      ],
    });
    const inventory = buildInventory({
      identities: [
        buildIdentity('u1', 'human', { department: 'Finance' }),
        buildIdentity('u2', 'human', { department: 'Sales' }),
      ],
      assignments: [
        ['u1', 'sap:FB60'],
        ['u2', 'sap:FB60'],
      ],
    });

    const findings = evaluateDrift(catalogue, inventory, OPTIONS);

    expect(findings.map((f) => [f.code, f.subject?.identity])).toEqual([
      ['drift.unexplained', 'u2'],
    ]);
  });

  it('accepts an exception in force and points at one that expired', () => {
    const catalogue = buildCatalogue({
      roles: [buildRole({ id: 'ap', entitlements: ['sap:FB60'] })],
      exceptions: [
        buildException({ identity: 'u1', entitlement: 'sap:F110' }),
        buildException({
          identity: 'u1',
          entitlement: 'sap:XK01',
          expires: '2026-12-31',
        }),
        buildException({
          identity: 'u2',
          entitlement: 'sap:XK01',
          expires: '2026-11-01',
        }),
      ],
    });
    const inventory = buildInventory({
      identities: [buildIdentity('u1'), buildIdentity('u2')],
      assignments: [
        ['u1', 'sap:F110'],
        ['u1', 'sap:XK01'],
        ['u2', 'sap:XK01'],
      ],
    });

    // Expiry day 2026-11-01 is today: the exception no longer applies.
    expect(brief(evaluateDrift(catalogue, inventory, OPTIONS))).toEqual([
      {
        code: 'drift.unexplained',
        severity: 'warning',
        file: 'exceptions/main.yaml',
        path: '/exceptions/2',
        message:
          'Identity u2 still holds sap:XK01, but its exception expired on 2026-11-01',
      },
    ]);
  });
});

describe('evaluateDrift: drift.missing-grant', () => {
  it('reports each role entitlement some active members lack', () => {
    const catalogue = buildCatalogue({
      roles: [
        buildRole({
          id: 'ap',
          entitlements: ['sap:FB60', 'sap:FB70', 'okta:crm'],
          members: ['u1', 'u2', 'gone', 'off'],
          criteria: [{ department: 'Finance' }],
        }),
      ],
    });
    const inventory = buildInventory({
      identities: [
        buildIdentity('u1', 'human', { department: 'Finance' }),
        buildIdentity('u2', 'human', { department: 'Finance' }),
        buildIdentity('u3', 'human', { department: 'Finance' }),
        buildIdentity(
          'off',
          'human',
          { department: 'Finance' },
          {
            status: 'disabled',
          },
        ),
      ],
      assignments: [
        ['u1', 'sap:FB60'],
        ['u1', 'sap:FB70'],
        ['u2', 'sap:FB70'],
      ],
    });

    const findings = evaluateDrift(catalogue, inventory, OPTIONS).filter(
      (f) => f.code === 'drift.missing-grant',
    );

    // okta is not in the inventory: nothing can be said about it. The
    // member the inventory lacks and the disabled one are not counted.
    expect(brief(findings)).toEqual([
      {
        code: 'drift.missing-grant',
        severity: 'warning',
        file: 'roles/ap.yaml',
        path: '/entitlements/0',
        message:
          'Role ap grants sap:FB60, but 2 of 3 members do not hold it: u2, u3',
      },
      {
        code: 'drift.missing-grant',
        severity: 'warning',
        file: 'roles/ap.yaml',
        path: '/entitlements/1',
        message: 'Role ap grants sap:FB70, but member u3 does not hold it',
      },
    ]);
    expect(findings[1]?.subject).toEqual({
      role: 'ap',
      entitlements: ['sap:FB70'],
      identity: 'u3',
    });
  });
});

describe('evaluateDrift: drift.criteria-mismatch', () => {
  it('reports named members gone, disabled or outside the criteria', () => {
    const catalogue = buildCatalogue({
      roles: [
        buildRole({
          id: 'ap',
          members: ['u1', 'u2', 'gone', 'off', 'u1'],
          criteria: [{ department: 'Finance', location: ['Berlin', 'Paris'] }],
        }),
        // Without criteria, any active named member is fine.
        buildRole({ id: 'helpdesk', members: ['u2'] }),
      ],
    });
    const inventory = buildInventory({
      identities: [
        buildIdentity('u1', 'human', {
          department: 'Finance',
          location: 'Berlin',
        }),
        buildIdentity('u2', 'human', { department: 'Sales' }),
        buildIdentity('off', 'human', {}, { status: 'Terminated' }),
      ],
    });

    expect(brief(evaluateDrift(catalogue, inventory, OPTIONS))).toEqual([
      {
        code: 'drift.criteria-mismatch',
        severity: 'warning',
        file: 'roles/ap.yaml',
        path: '/membership/identities/1',
        message:
          'Role ap names member u2, who no longer matches its criteria ' +
          '(department Finance and location Berlin|Paris; has ' +
          'department Sales, location (none))',
      },
      {
        code: 'drift.criteria-mismatch',
        severity: 'warning',
        file: 'roles/ap.yaml',
        path: '/membership/identities/2',
        message: 'Role ap names member gone, who is not in the inventory',
      },
      {
        code: 'drift.criteria-mismatch',
        severity: 'warning',
        file: 'roles/ap.yaml',
        path: '/membership/identities/3',
        message: 'Role ap names member off, whose account is Terminated',
      },
    ]);
  });
});

describe('evaluateDrift: drift.unused', () => {
  const catalogue = buildCatalogue({
    roles: [
      buildRole({
        id: 'ap',
        entitlements: ['sap:FB60', 'okta:crm'],
        members: ['u1', 'u2', 'u3', 'u4'],
      }),
    ],
    exceptions: [buildException({ identity: 'u1', entitlement: 'sap:F110' })],
  });
  const inventory = withUsage(
    buildInventory({
      identities: ['u1', 'u2', 'u3', 'u4'].map((id) => buildIdentity(id)),
      assignments: [
        ['u1', 'sap:FB60'],
        ['u2', 'sap:FB60'],
        ['u3', 'sap:FB60'],
        ['u4', 'sap:FB60'],
        ['u1', 'sap:F110'],
        ['u1', 'okta:crm'],
        ['u2', 'okta:crm'],
        ['u3', 'okta:crm'],
        ['u4', 'okta:crm'],
      ],
    }),
    {
      // 2026-04-01 is the first day of the 90-day window before 06-30.
      'u1 sap:FB60': { lastUsedAt: '2026-04-01' },
      'u2 sap:FB60': { lastUsedAt: '2026-03-31T23:59:00Z' },
      'u3 sap:FB60': { grantedAt: '2025-01-10' },
      // Never used, granted recently: too soon to call unused.
      'u4 sap:FB60': { grantedAt: '2026-06-01' },
      'u1 sap:F110': { lastUsedAt: '2025-12-24T10:00' },
      // okta records no use at all: nothing is called unused there.
      'u1 okta:crm': { grantedAt: '2020-01-01' },
    },
  );

  it('reports holders idle before the window, per grant', () => {
    expect(brief(evaluateDrift(catalogue, inventory, OPTIONS))).toEqual([
      {
        code: 'drift.unused',
        severity: 'note',
        file: 'exceptions/main.yaml',
        path: '/exceptions/0',
        message:
          'The exception grants sap:F110 to u1 (last used 2025-12-24), ' +
          'unused in the 90 days before 2026-06-30',
      },
      {
        code: 'drift.unused',
        severity: 'note',
        file: 'roles/ap.yaml',
        path: '/entitlements/0',
        message:
          'Role ap grants sap:FB60; 2 members have not used it in the 90 ' +
          'days before 2026-06-30: u2 (last used 2026-03-31), u3 (never ' +
          'used; granted 2025-01-10)',
      },
    ]);
  });

  it('follows --unused-days', () => {
    const findings = evaluateDrift(catalogue, inventory, {
      ...OPTIONS,
      unusedDays: 400,
    });

    expect(brief(findings)).toEqual([
      {
        code: 'drift.unused',
        severity: 'note',
        file: 'roles/ap.yaml',
        path: '/entitlements/0',
        message:
          'Role ap grants sap:FB60; member u3 (never used; granted ' +
          '2025-01-10) has not used it in the 400 days before 2026-06-30',
      },
    ]);
  });

  it('says nothing about use without a data date', () => {
    const findings = evaluateDrift(catalogue, inventory, {
      ...OPTIONS,
      dataDate: 'unknown',
    });

    expect(findings).toEqual([]);
  });
});

describe('evaluateDrift', () => {
  it('is clean when the systems show exactly what the catalogue grants', () => {
    const catalogue = buildCatalogue({
      roles: [
        buildRole({ id: 'ap', entitlements: ['sap:FB60'], members: ['u1'] }),
      ],
    });
    const inventory = buildInventory({
      identities: [buildIdentity('u1')],
      assignments: [['u1', 'sap:FB60']],
    });

    expect(evaluateDrift(catalogue, inventory, OPTIONS)).toEqual([]);
  });

  it('resolves a repeated role id to its first file, as check does', () => {
    const catalogue = buildCatalogue({
      roles: [
        buildRole({ id: 'ap', entitlements: ['sap:FB60'], members: ['u1'] }),
        buildRole({
          id: 'ap',
          entitlements: ['sap:F110'],
          members: ['u1'],
          file: 'roles/copy/ap.yaml',
        }),
      ],
    });
    const inventory = buildInventory({
      identities: [buildIdentity('u1')],
      assignments: [
        ['u1', 'sap:FB60'],
        ['u1', 'sap:F110'],
      ],
    });

    const findings = evaluateDrift(catalogue, inventory, OPTIONS);

    expect(findings.map((f) => [f.code, f.file, f.subject])).toEqual([
      [
        'drift.unexplained',
        undefined,
        { identity: 'u1', entitlements: ['sap:F110'] },
      ],
    ]);
  });

  it('puts unused access granted twice on the role, not the exception', () => {
    const catalogue = buildCatalogue({
      roles: [
        buildRole({ id: 'ap', entitlements: ['sap:FB60'], members: ['u1'] }),
      ],
      exceptions: [buildException({ identity: 'u1', entitlement: 'sap:FB60' })],
    });
    const inventory = withUsage(
      buildInventory({
        identities: [buildIdentity('u1')],
        assignments: [['u1', 'sap:FB60']],
      }),
      { 'u1 sap:FB60': { lastUsedAt: '2025-01-01' } },
    );

    const findings = evaluateDrift(catalogue, inventory, OPTIONS);

    expect(findings.map((f) => [f.code, f.file, f.path])).toEqual([
      ['drift.unused', 'roles/ap.yaml', '/entitlements/0'],
    ]);
  });

  it('orders findings by file, then path in numeric order', () => {
    const members = Array.from({ length: 12 }, (_, i) => `m${i}`);
    const catalogue = buildCatalogue({
      roles: [buildRole({ id: 'big', members })],
    });

    const paths = evaluateDrift(catalogue, buildInventory(), OPTIONS).map(
      (f) => f.path,
    );

    expect(paths).toEqual(members.map((_, i) => `/membership/identities/${i}`));
  });
});
