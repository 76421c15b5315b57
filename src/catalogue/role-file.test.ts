import { describe, expect, it } from 'vitest';
import { parseRoleSource, toRole } from './role-file.ts';
import type { YamlSource } from './yaml-source.ts';
import { parseYamlFile } from './yaml-source.ts';

function source(
  text: string,
  file = 'roles/finance/ap-clerk.yaml',
): YamlSource {
  const result = parseYamlFile(file, new TextEncoder().encode(text));
  if (!result.ok) throw new Error(JSON.stringify(result.findings));
  return result.source;
}

const documented = `# roles/finance/ap-clerk.yaml
id: ap-clerk
title: Accounts payable clerk
description: Enters and parks vendor invoices; cannot post payments.
audience: human
owners:
  - '@acme/finance-owners'
entitlements:
  - sap:FB60
  - sap:FBL1N
membership:
  identities: [u1001, u1002]
  criteria:
    - department: Finance
      title: [Accounts Payable Clerk, AP Specialist]
review:
  last_reviewed: 2026-10-01
  next_review: 2027-03-31
labels: [finance, procure-to-pay]
evidence: {}
`;

/** Lines 1-5 of every minimal role; tests append from line 6. */
const minimal = `id: ap-clerk
title: Accounts payable clerk
audience: human
owners: ['@acme/finance-owners']
entitlements: [sap:FB60]
`;

describe('parseRoleSource', () => {
  it('maps the documented role file to the model', () => {
    expect(parseRoleSource(source(documented))).toEqual({
      role: {
        id: 'ap-clerk',
        title: 'Accounts payable clerk',
        description: 'Enters and parks vendor invoices; cannot post payments.',
        owners: ['@acme/finance-owners'],
        audience: 'human',
        entitlements: ['sap:FB60', 'sap:FBL1N'],
        membership: {
          identities: ['u1001', 'u1002'],
          criteria: [
            [
              { attribute: 'department', values: ['Finance'] },
              {
                attribute: 'title',
                values: ['Accounts Payable Clerk', 'AP Specialist'],
              },
            ],
          ],
        },
        review: { lastReviewed: '2026-10-01', nextReview: '2027-03-31' },
        labels: ['finance', 'procure-to-pay'],
        evidence: {},
      },
      findings: [],
    });
  });

  it('fills the documented defaults for optional properties', () => {
    expect(parseRoleSource(source(minimal)).role).toEqual({
      id: 'ap-clerk',
      title: 'Accounts payable clerk',
      description: '',
      owners: ['@acme/finance-owners'],
      audience: 'human',
      entitlements: ['sap:FB60'],
      membership: { identities: [], criteria: [] },
      review: {},
      labels: [],
    });
  });

  it('accepts a machine role with no entitlements and no members', () => {
    const text = minimal
      .replace('audience: human', 'audience: machine')
      .replace('[sap:FB60]', '[]');

    expect(parseRoleSource(source(text))).toMatchObject({
      role: { audience: 'machine', entitlements: [] },
      findings: [],
    });
  });

  describe('schema problems', () => {
    it.each([
      {
        name: 'owners given as a string',
        text: minimal.replace(
          "owners: ['@acme/finance-owners']",
          "owners: '@acme/finance-owners'",
        ),
        path: '/owners',
        line: 4,
        column: 9,
        message: '"/owners" must be of type array',
      },
      {
        name: 'audience "both"',
        text: minimal.replace('audience: human', 'audience: both'),
        path: '/audience',
        line: 3,
        column: 11,
        message: '"/audience" must be one of: human, machine',
      },
      {
        name: 'an unknown top-level property',
        text: `${minimal}colour: blue\n`,
        path: '/colour',
        line: 6,
        column: 9,
        message: 'unknown property "colour" in the file',
      },
      {
        name: 'a camelCase review key',
        text: `${minimal}review:\n  lastReviewed: 2026-10-01\n`,
        path: '/review/lastReviewed',
        line: 7,
        column: 17,
        message: 'unknown property "lastReviewed" in "/review"',
      },
      {
        name: 'an id that is not kebab-case',
        text: minimal.replace('id: ap-clerk', 'id: AP_Clerk'),
        path: '/id',
        line: 1,
        column: 5,
        message:
          '"/id" does not match the expected form ^[a-z0-9]+(-[a-z0-9]+)*$',
      },
      {
        name: 'an entitlement without a system',
        text: minimal.replace('[sap:FB60]', '[sap:FB60, FB60]'),
        path: '/entitlements/1',
        line: 5,
        column: 26,
        message:
          '"/entitlements/1" does not match the expected form ^[A-Za-z0-9][A-Za-z0-9._-]*:.+$',
      },
      {
        name: 'no owners',
        text: minimal.replace("['@acme/finance-owners']", '[]'),
        path: '/owners',
        line: 4,
        column: 9,
        message: '"/owners" must NOT have fewer than 1 items',
      },
      {
        name: 'the same owner twice',
        text: minimal.replace(
          "['@acme/finance-owners']",
          "['@acme/fin', '@acme/fin']",
        ),
        path: '/owners',
        line: 4,
        column: 9,
        message:
          '"/owners" must NOT have duplicate items (items ## 1 and 0 are identical)',
      },
      {
        name: 'an owner that is not a GitHub user or team',
        text: minimal.replace("'@acme/finance-owners'", "'acme finance'"),
        path: '/owners/0',
        line: 4,
        column: 10,
        message:
          '"/owners/0" does not match the expected form ' +
          '^@?[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$',
      },
      {
        name: 'a review date that is not a calendar date',
        text: `${minimal}review:\n  next_review: 2027-13-01\n`,
        path: '/review/next_review',
        line: 7,
        column: 16,
        message:
          '"/review/next_review" does not match the expected form ' +
          '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
      },
      {
        name: 'an upper-case label',
        text: `${minimal}labels: [Finance]\n`,
        path: '/labels/0',
        line: 6,
        column: 10,
        message:
          '"/labels/0" does not match the expected form ^[a-z0-9][a-z0-9:._-]*$',
      },
      {
        name: 'an empty membership criterion',
        text: `${minimal}membership:\n  criteria:\n    - {}\n`,
        path: '/membership/criteria/0',
        line: 8,
        column: 7,
        message:
          '"/membership/criteria/0" must NOT have fewer than 1 properties',
      },
      {
        name: 'a criterion with an empty list of values',
        text: `${minimal}membership:\n  criteria:\n    - department: []\n`,
        path: '/membership/criteria/0/department',
        line: 8,
        column: 19,
        message:
          '"/membership/criteria/0/department" must match exactly one of the allowed forms',
      },
      {
        name: 'evidence that is not a mapping',
        text: `${minimal}evidence: [a]\n`,
        path: '/evidence',
        line: 6,
        column: 11,
        message: '"/evidence" must be of type object',
      },
    ])('rejects $name with its line', (row) => {
      expect(parseRoleSource(source(row.text))).toEqual({
        findings: [
          expect.objectContaining({
            code: 'schema.invalid',
            severity: 'error',
            file: 'roles/finance/ap-clerk.yaml',
            path: row.path,
            line: row.line,
            column: row.column,
            message: row.message,
          }),
        ],
      });
    });

    it('reports each missing required property at the parent map', () => {
      const text =
        '# roles/finance/ap-clerk.yaml\nid: ap-clerk\ndescription: x\n';

      const { role, findings } = parseRoleSource(source(text));

      expect(role).toBeUndefined();
      expect(findings.map((f) => [f.path, f.line, f.column, f.message]))
        .toMatchInlineSnapshot(`
          [
            [
              "",
              2,
              1,
              "missing required property "title" in the file",
            ],
            [
              "",
              2,
              1,
              "missing required property "audience" in the file",
            ],
            [
              "",
              2,
              1,
              "missing required property "owners" in the file",
            ],
            [
              "",
              2,
              1,
              "missing required property "entitlements" in the file",
            ],
          ]
        `);
    });

    it('rejects a file whose top level is a list', () => {
      expect(parseRoleSource(source('- ap-clerk\n')).findings).toEqual([
        {
          code: 'schema.invalid',
          severity: 'error',
          file: 'roles/finance/ap-clerk.yaml',
          path: '',
          line: 1,
          column: 1,
          message: 'the file must be of type object',
          hint: 'see docs/formats.md for the file format',
        },
      ]);
    });

    it('does not check the file name while the schema fails', () => {
      const text = minimal.replace('audience: human', 'audience: both');

      const { findings } = parseRoleSource(source(text, 'roles/other.yaml'));

      expect(findings.map((f) => f.code)).toEqual(['schema.invalid']);
    });
  });

  describe('file name', () => {
    it.each([
      ['ap-clerk.yaml'],
      ['roles/ap-clerk.yaml'],
      ['roles/finance/ap-clerk.yaml'],
      ['roles/a/b/c/ap-clerk.yaml'],
    ])('accepts the id as the file name in %s', (file) => {
      expect(parseRoleSource(source(minimal, file)).findings).toEqual([]);
    });

    it('reports a role id that does not match the file name at the id', () => {
      const { role, findings } = parseRoleSource(
        source(minimal, 'roles/finance/ap-lead.yaml'),
      );

      expect(role?.id).toBe('ap-clerk');
      expect(findings).toEqual([
        {
          code: 'role.id-mismatch',
          severity: 'error',
          file: 'roles/finance/ap-lead.yaml',
          path: '/id',
          line: 1,
          column: 5,
          message:
            'role id "ap-clerk" does not match the file name "ap-lead.yaml"',
          hint: 'rename the file to ap-clerk.yaml or change the id',
          subject: { role: 'ap-clerk' },
        },
      ]);
    });

    it.each([
      ['a .yml extension', 'roles/ap-clerk.yml', 'ap-clerk.yml'],
      ['a folder named like the id', 'roles/ap-clerk/role.yaml', 'role.yaml'],
      ['a different case', 'roles/AP-Clerk.yaml', 'AP-Clerk.yaml'],
      ['a backup suffix', 'roles/ap-clerk.yaml.bak', 'ap-clerk.yaml.bak'],
    ])('reports %s as an id mismatch', (_name, file, baseName) => {
      const { findings } = parseRoleSource(source(minimal, file));

      expect(findings.map((f) => [f.code, f.message])).toEqual([
        [
          'role.id-mismatch',
          `role id "ap-clerk" does not match the file name "${baseName}"`,
        ],
      ]);
    });
  });
});

describe('toRole', () => {
  it('turns each criteria entry into a list of attribute matches', () => {
    const role = toRole({
      id: 'x',
      title: 'X',
      audience: 'human',
      owners: ['@a'],
      entitlements: [],
      membership: {
        criteria: [
          { department: 'Finance', site: ['HAM', 'BER'] },
          { cc: '7' },
        ],
      },
    });

    expect(role.membership).toEqual({
      identities: [],
      criteria: [
        [
          { attribute: 'department', values: ['Finance'] },
          { attribute: 'site', values: ['HAM', 'BER'] },
        ],
        [{ attribute: 'cc', values: ['7'] }],
      ],
    });
  });

  it('keeps only the review dates that are given', () => {
    const role = toRole({
      id: 'x',
      title: 'X',
      audience: 'machine',
      owners: ['@a'],
      entitlements: [],
      review: { next_review: '2027-03-31' },
      evidence: { support: 0.9 },
    });

    expect(role.review).toEqual({ nextReview: '2027-03-31' });
    expect(role.evidence).toEqual({ support: 0.9 });
  });
});
