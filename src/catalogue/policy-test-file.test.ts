import { describe, expect, it } from 'vitest';
import { parsePolicyTestSource } from './policy-test-file.ts';
import type { YamlSource } from './yaml-source.ts';
import { parseYamlFile } from './yaml-source.ts';

function source(
  text: string,
  file = 'policies/tests/procure-to-pay.yaml',
): YamlSource {
  const result = parseYamlFile(file, new TextEncoder().encode(text));
  if (!result.ok) throw new Error(JSON.stringify(result.findings));
  return result.source;
}

const documented = `name: Procure to pay
tests:
  - name: a clerk who can also release payments is a conflict
    identities:
      - id: t1
        kind: human
        roles: [ap-clerk, payment-approver]
        entitlements: [sap:F110]
    expect:
      - code: sod.identity-conflict
        identity: t1
        risk: P2P-001
  - name: a clerk alone is fine
    identities:
      - id: t2
        roles: [ap-clerk]
    expect: []
`;

describe('parsePolicyTestSource', () => {
  it('maps the documented policy tests with their paths', () => {
    expect(parsePolicyTestSource(source(documented))).toEqual({
      file: {
        file: 'policies/tests/procure-to-pay.yaml',
        name: 'Procure to pay',
        tests: [
          {
            name: 'a clerk who can also release payments is a conflict',
            path: '/tests/0',
            identities: [
              {
                id: 't1',
                kind: 'human',
                roles: ['ap-clerk', 'payment-approver'],
                entitlements: ['sap:F110'],
              },
            ],
            expect: [
              {
                code: 'sod.identity-conflict',
                identity: 't1',
                risk: 'P2P-001',
              },
            ],
          },
          {
            name: 'a clerk alone is fine',
            path: '/tests/1',
            identities: [
              {
                id: 't2',
                kind: 'human',
                roles: ['ap-clerk'],
                entitlements: [],
              },
            ],
            expect: [],
          },
        ],
      },
      findings: [],
    });
  });

  it('defaults the kind to human and roles and entitlements to none', () => {
    const text =
      'name: n\ntests:\n  - name: t\n    identities: [{id: t1}]\n    expect: []\n';

    const parsed = parsePolicyTestSource(source(text));

    expect(parsed.file?.tests[0]?.identities).toEqual([
      { id: 't1', kind: 'human', roles: [], entitlements: [] },
    ]);
  });

  it('keeps a machine kind as written', () => {
    const text =
      'name: n\ntests:\n  - name: t\n    identities: [{id: ci, kind: workload}]\n    expect: []\n';

    const parsed = parsePolicyTestSource(source(text));

    expect(parsed.file?.tests[0]?.identities[0]?.kind).toBe('workload');
  });

  it('renames role_set to roleSet and leaves absent fields out', () => {
    const text = `name: n
tests:
  - name: t
    identities: [{id: t1, roles: [a, b]}]
    expect:
      - code: sod.role-set
        identity: t1
        role_set: finance-approvers
      - code: policy-test.other
`;

    const parsed = parsePolicyTestSource(source(text));

    expect(parsed.file?.tests[0]?.expect).toStrictEqual([
      {
        code: 'sod.role-set',
        identity: 't1',
        roleSet: 'finance-approvers',
      },
      { code: 'policy-test.other' },
    ]);
  });

  it.each([
    {
      name: 'a file without tests',
      text: 'name: n\ntests: []\n',
      path: '/tests',
      line: 2,
      column: 8,
      message: '"/tests" must NOT have fewer than 1 items',
    },
    {
      name: 'a test without identities',
      text: 'name: n\ntests:\n  - name: t\n    identities: []\n    expect: []\n',
      path: '/tests/0/identities',
      line: 4,
      column: 17,
      message: '"/tests/0/identities" must NOT have fewer than 1 items',
    },
    {
      name: 'a test without expect',
      text: 'name: n\ntests:\n  - name: t\n    identities: [{id: t1}]\n',
      path: '/tests/0',
      line: 3,
      column: 5,
      message: 'missing required property "expect" in "/tests/0"',
    },
    {
      name: 'an identity kind that is not known',
      text:
        'name: n\ntests:\n  - name: t\n    identities: [{id: t1, kind: ' +
        'robot}]\n    expect: []\n',
      path: '/tests/0/identities/0/kind',
      line: 4,
      column: 33,
      message:
        '"/tests/0/identities/0/kind" must be one of: human, ' +
        'service-account, api-key, token, workload, bot',
    },
    {
      name: 'a camelCase roleSet in an expectation',
      text:
        'name: n\ntests:\n  - name: t\n    identities: [{id: t1}]\n    ' +
        'expect:\n      - {code: x, roleSet: r}\n',
      path: '/tests/0/expect/0/roleSet',
      line: 6,
      column: 28,
      message: 'unknown property "roleSet" in "/tests/0/expect/0"',
    },
    {
      name: 'an expectation without a code',
      text:
        'name: n\ntests:\n  - name: t\n    identities: [{id: t1}]\n    ' +
        'expect:\n      - identity: t1\n',
      path: '/tests/0/expect/0',
      line: 6,
      column: 9,
      message: 'missing required property "code" in "/tests/0/expect/0"',
    },
  ])('rejects $name with its line', (row) => {
    expect(parsePolicyTestSource(source(row.text))).toEqual({
      findings: [
        {
          code: 'schema.invalid',
          severity: 'error',
          file: 'policies/tests/procure-to-pay.yaml',
          path: row.path,
          line: row.line,
          column: row.column,
          message: row.message,
          hint: expect.any(String) as string,
        },
      ],
    });
  });
});
