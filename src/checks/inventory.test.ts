import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/index.ts';
import { evaluateAgainstInventory } from './inventory.ts';
import type { RoleSpec } from './fixtures.ts';
import {
  buildCatalogue,
  buildIdentity,
  buildInventory,
  buildRole,
} from './fixtures.ts';

const inventory = buildInventory({
  identities: [
    buildIdentity('u1', 'human', { department: 'Finance' }),
    buildIdentity('u2', 'human', { department: 'Ops' }),
    buildIdentity('svc1', 'service-account', { department: 'Finance' }),
    buildIdentity('bot1', 'bot', { department: 'Ops' }),
  ],
  entitlements: ['sap:FB60', 'sap:F110'],
  assignments: [['u1', 'github:acme:read']],
});

interface Case {
  name: string;
  role: RoleSpec;
  expected: Pick<Finding, 'code' | 'severity' | 'path' | 'subject'>[];
}

const cases: Case[] = [
  {
    name: 'accepts entitlements known from the list or from assignments',
    role: { id: 'r', entitlements: ['sap:FB60', 'github:acme:read'] },
    expected: [],
  },
  {
    name: 'reports an entitlement of a covered system that does not exist',
    role: { id: 'r', entitlements: ['sap:FB60', 'sap:FB6O'] },
    expected: [
      {
        code: 'inventory.unknown-entitlement',
        severity: 'error',
        path: '/entitlements/1',
        subject: { role: 'r', entitlements: ['sap:FB6O'] },
      },
    ],
  },
  {
    name: 'skips entitlements of systems the inventory does not cover',
    role: { id: 'r', entitlements: ['aws:s3:read'] },
    expected: [],
  },
  {
    name: 'warns about an explicit member missing from the inventory',
    role: { id: 'r', members: ['u1', 'u9'] },
    expected: [
      {
        code: 'inventory.unknown-identity',
        severity: 'warning',
        path: '/membership/identities/1',
        subject: { role: 'r', identity: 'u9' },
      },
    ],
  },
  {
    name: 'rejects a machine named in a human role',
    role: { id: 'r', audience: 'human', members: ['u1', 'svc1'] },
    expected: [
      {
        code: 'role.audience-mismatch',
        severity: 'error',
        path: '/membership/identities/1',
        subject: { role: 'r', identity: 'svc1' },
      },
    ],
  },
  {
    name: 'rejects a person named in a machine role',
    role: { id: 'r', audience: 'machine', members: ['bot1', 'u2'] },
    expected: [
      {
        code: 'role.audience-mismatch',
        severity: 'error',
        path: '/membership/identities/1',
        subject: { role: 'r', identity: 'u2' },
      },
    ],
  },
  {
    name: 'rejects a machine let in by criteria, at the matching entry',
    role: {
      id: 'r',
      audience: 'human',
      criteria: [{ department: 'Ops' }, { department: 'Finance' }],
    },
    expected: [
      {
        code: 'role.audience-mismatch',
        severity: 'error',
        path: '/membership/criteria/0',
        subject: { role: 'r', identity: 'bot1' },
      },
      {
        code: 'role.audience-mismatch',
        severity: 'error',
        path: '/membership/criteria/1',
        subject: { role: 'r', identity: 'svc1' },
      },
    ],
  },
  {
    name: 'reports a mismatch once when a member is also matched by criteria',
    role: {
      id: 'r',
      audience: 'human',
      members: ['svc1'],
      criteria: [{ department: 'Finance' }],
    },
    expected: [
      {
        code: 'role.audience-mismatch',
        severity: 'error',
        path: '/membership/identities/0',
        subject: { role: 'r', identity: 'svc1' },
      },
    ],
  },
  {
    name: 'accepts criteria that only match the right audience',
    role: { id: 'r', audience: 'machine', criteria: [{ kind: 'bot' }] },
    expected: [],
  },
];

describe('evaluateAgainstInventory', () => {
  it.each(cases)('$name', ({ role, expected }) => {
    const catalogue = buildCatalogue({ roles: [buildRole(role)] });

    const findings = evaluateAgainstInventory(catalogue, inventory);

    expect(
      findings.map(({ code, severity, path, subject }) => ({
        code,
        severity,
        path,
        subject,
      })),
    ).toEqual(expected);
    for (const finding of findings) expect(finding.file).toBe('roles/r.yaml');
  });
});
