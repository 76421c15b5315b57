import { describe, expect, it } from 'vitest';
import { parseExceptionsSource } from './exceptions-file.ts';
import type { YamlSource } from './yaml-source.ts';
import { parseYamlFile } from './yaml-source.ts';

function source(text: string, file = 'exceptions/finance.yaml'): YamlSource {
  const result = parseYamlFile(file, new TextEncoder().encode(text));
  if (!result.ok) throw new Error(JSON.stringify(result.findings));
  return result.source;
}

/** One valid entry at lines 2-6; rows replace a line or append one. */
const valid = `exceptions:
  - identity: u1007
    entitlement: sap:F110
    reason: Month-end cover while the payments lead is on leave.
    owner: '@acme/finance-owners'
`;

describe('parseExceptionsSource', () => {
  it('maps each entry and remembers its file', () => {
    const text = `${valid}    expires: 2026-12-31
  - identity: svc-backup
    entitlement: aws:s3:GetObject
    reason: Nightly backup reads the bucket.
    owner: '@acme/platform'
`;

    expect(parseExceptionsSource(source(text))).toEqual({
      exceptions: [
        {
          exception: {
            identity: 'u1007',
            entitlement: 'sap:F110',
            reason: 'Month-end cover while the payments lead is on leave.',
            owner: '@acme/finance-owners',
            expires: '2026-12-31',
          },
          file: 'exceptions/finance.yaml',
        },
        {
          exception: {
            identity: 'svc-backup',
            entitlement: 'aws:s3:GetObject',
            reason: 'Nightly backup reads the bucket.',
            owner: '@acme/platform',
          },
          file: 'exceptions/finance.yaml',
        },
      ],
      findings: [],
    });
  });

  it('accepts an empty list of exceptions', () => {
    expect(parseExceptionsSource(source('exceptions: []\n'))).toEqual({
      exceptions: [],
      findings: [],
    });
  });

  it.each([
    {
      name: 'a file without the exceptions key',
      text: '# nothing approved yet\n{}\n',
      path: '',
      line: 2,
      column: 1,
      message: 'missing required property "exceptions" in the file',
    },
    {
      name: 'exceptions given as a mapping',
      text: 'exceptions:\n  identity: u1\n',
      path: '/exceptions',
      line: 2,
      column: 3,
      message: '"/exceptions" must be of type array',
    },
    {
      name: 'an entry without a reason',
      text: valid.replace(
        '    reason: Month-end cover while the payments lead is on leave.\n',
        '',
      ),
      path: '/exceptions/0',
      line: 2,
      column: 5,
      message: 'missing required property "reason" in "/exceptions/0"',
    },
    {
      name: 'an empty reason',
      text: valid.replace(
        'reason: Month-end cover while the payments lead is on leave.',
        "reason: ''",
      ),
      path: '/exceptions/0/reason',
      line: 4,
      column: 13,
      message: '"/exceptions/0/reason" must NOT have fewer than 1 characters',
    },
    {
      name: 'an entitlement without a system',
      text: valid.replace('sap:F110', 'F110'),
      path: '/exceptions/0/entitlement',
      line: 3,
      column: 18,
      message:
        '"/exceptions/0/entitlement" does not match the expected form ' +
        '^[A-Za-z0-9][A-Za-z0-9._-]*:.+$',
    },
    {
      name: 'an owner with a space',
      text: valid.replace("'@acme/finance-owners'", "'finance owners'"),
      path: '/exceptions/0/owner',
      line: 5,
      column: 12,
      message:
        '"/exceptions/0/owner" does not match the expected form ' +
        '^@?[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$',
    },
    {
      name: 'an expiry that is not a date',
      text: `${valid}    expires: end of year\n`,
      path: '/exceptions/0/expires',
      line: 6,
      column: 14,
      message:
        '"/exceptions/0/expires" does not match the expected form ' +
        '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
    },
    {
      name: 'an unknown property in an entry',
      text: `${valid}    approved_by: '@alice'\n`,
      path: '/exceptions/0/approved_by',
      line: 6,
      column: 18,
      message: 'unknown property "approved_by" in "/exceptions/0"',
    },
    {
      name: 'an identity that is a number',
      text: valid.replace('identity: u1007', 'identity: 1007'),
      path: '/exceptions/0/identity',
      line: 2,
      column: 15,
      message: '"/exceptions/0/identity" must be of type string',
    },
  ])('rejects $name with its line and returns no exceptions', (row) => {
    expect(parseExceptionsSource(source(row.text))).toEqual({
      exceptions: [],
      findings: [
        {
          code: 'schema.invalid',
          severity: 'error',
          file: 'exceptions/finance.yaml',
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
