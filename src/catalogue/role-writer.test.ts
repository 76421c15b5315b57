import { describe, expect, it } from 'vitest';
import type { Role } from '../model/index.ts';
import { parseRoleSource } from './role-file.ts';
import { roleToYaml } from './role-writer.ts';
import { parseYamlFile } from './yaml-source.ts';

function parse(text: string, file: string): Role | undefined {
  const read = parseYamlFile(file, new TextEncoder().encode(text));
  if (!read.ok) throw new Error(JSON.stringify(read.findings));
  const parsed = parseRoleSource(read.source);
  expect(parsed.findings).toEqual([]);
  return parsed.role;
}

const full: Role = {
  id: 'ap-clerk',
  title: 'Accounts payable: clerk',
  description: `Enters invoices: "FB60" and 'FV60'. ${'Long text. '.repeat(20)}`,
  owners: ['@acme/finance-owners', '@alice'],
  audience: 'human',
  entitlements: ['sap:FB60', 'sap:FV60', 'github:acme/payments:read'],
  membership: {
    identities: ['u1001', '0042', 'true'],
    criteria: [
      [
        { attribute: 'department', values: ['Finance'] },
        { attribute: 'title', values: ['AP Clerk', 'AP Specialist'] },
      ],
    ],
  },
  review: { lastReviewed: '2026-10-01', nextReview: '2027-03-31' },
  labels: ['finance', 'null'],
  evidence: {
    data: { date: '2026-11-25', sources: [] },
    confidence: 0.833,
    nested: { list: [1, 2], empty: {} },
  },
};

describe('roleToYaml', () => {
  it('writes a file the role parser reads back to the same role', () => {
    const text = roleToYaml(full);

    expect(parse(text, 'roles/ap-clerk.yaml')).toEqual(full);
  });

  it('keeps strings that look like numbers, booleans or dates strings', () => {
    const text = roleToYaml(full);

    expect(text).toContain("- '0042'");
    expect(text).toContain("- 'true'");
    expect(text).toContain('last_reviewed: 2026-10-01');
  });

  it('leaves out empty optional parts and keeps the documented key order', () => {
    const minimal: Role = {
      ...full,
      description: '',
      membership: { identities: [], criteria: [] },
      review: {},
      labels: [],
    };
    delete minimal.evidence;

    const text = roleToYaml(minimal);

    expect(text.split('\n').filter((l) => /^\w/.test(l))).toEqual([
      'id: ap-clerk',
      "title: 'Accounts payable: clerk'",
      'audience: human',
      'owners:',
      'entitlements:',
    ]);
    expect(parse(text, 'roles/ap-clerk.yaml')).toEqual(minimal);
  });
});
