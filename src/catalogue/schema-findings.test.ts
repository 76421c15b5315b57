import { describe, expect, it } from 'vitest';
import { validateSource } from './schema-findings.ts';
import { builtinSchema, compileOrganisationSchema } from './schemas.ts';
import type { YamlSource } from './yaml-source.ts';
import { parseYamlFile } from './yaml-source.ts';

function source(text: string, file = 'roles/ap-clerk.yaml'): YamlSource {
  const result = parseYamlFile(file, new TextEncoder().encode(text));
  if (!result.ok) throw new Error(JSON.stringify(result.findings));
  return result.source;
}

const schema = compileOrganisationSchema(
  {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'owners'],
    properties: {
      id: { type: 'string', pattern: '^[a-z]+$' },
      audience: { enum: ['human', 'machine'] },
      owners: { type: 'array', minItems: 1, items: { type: 'string' } },
      review: {
        type: 'object',
        required: ['next_review'],
        properties: { next_review: { type: 'string' } },
      },
      grant: {
        type: 'object',
        oneOf: [{ required: ['identity'] }, { required: ['role'] }],
        properties: {
          identity: { type: 'string' },
          role: { type: 'string' },
        },
      },
      criteria: {
        type: 'object',
        additionalProperties: false,
        properties: {},
      },
      twice: {
        type: 'object',
        allOf: [{ required: ['x'] }, { required: ['x'] }],
      },
    },
  },
  'test.schema.json',
);

describe('validateSource', () => {
  it('returns no findings for valid data', () => {
    expect(validateSource(schema, source('id: abc\nowners: [a]\n'))).toEqual(
      [],
    );
  });

  it.each([
    {
      name: 'a missing property at the parent mapping',
      text: 'id: abc\nowners: [a]\nreview:\n  last_reviewed: x\n',
      path: '/review',
      line: 4,
      column: 3,
      message: 'missing required property "next_review" in "/review"',
      hint: 'add the property; see docs/formats.md for an example',
    },
    {
      name: 'a missing top-level property at the first key',
      text: '# a comment\nid: abc\n',
      path: '',
      line: 2,
      column: 1,
      message: 'missing required property "owners" in the file',
      hint: 'add the property; see docs/formats.md for an example',
    },
    {
      name: 'an unknown property at its value',
      text: 'id: abc\nowners: [a]\ncolour: blue\n',
      path: '/colour',
      line: 3,
      column: 9,
      message: 'unknown property "colour" in the file',
      hint: 'remove the property or fix its spelling (keys are snake_case)',
    },
    {
      name: 'a value outside an enum, listing the allowed values',
      text: 'id: abc\nowners: [a]\naudience: both\n',
      path: '/audience',
      line: 3,
      column: 11,
      message: '"/audience" must be one of: human, machine',
      hint: 'see docs/formats.md for the file format',
    },
    {
      name: 'a string where a list is expected',
      text: 'id: abc\nowners: "@acme/finance"\n',
      path: '/owners',
      line: 2,
      column: 9,
      message: '"/owners" must be of type array',
      hint: 'see docs/formats.md for the file format',
    },
    {
      name: 'a value that does not match a pattern',
      text: 'id: ABC\nowners: [a]\n',
      path: '/id',
      line: 1,
      column: 5,
      message: '"/id" does not match the expected form ^[a-z]+$',
      hint: 'see docs/formats.md for the accepted form, e.g. sap:FB60 or 2027-03-31',
    },
    {
      name: 'a keyword without its own message (minItems)',
      text: 'id: abc\nowners: []\n',
      path: '/owners',
      line: 2,
      column: 9,
      message: '"/owners" must NOT have fewer than 1 items',
      hint: 'see docs/formats.md for the file format',
    },
  ])('reports $name', (row) => {
    expect(validateSource(schema, source(row.text))).toEqual([
      {
        code: 'schema.invalid',
        severity: 'error',
        file: 'roles/ap-clerk.yaml',
        path: row.path,
        line: row.line,
        column: row.column,
        message: row.message,
        hint: row.hint,
      },
    ]);
  });

  it('reports every problem in one run, in document order', () => {
    const findings = validateSource(
      schema,
      source('id: 7\naudience: both\ncolour: blue\n'),
    );

    expect(findings.map((f) => [f.path, f.line, f.message]))
      .toMatchInlineSnapshot(`
        [
          [
            "",
            1,
            "missing required property "owners" in the file",
          ],
          [
            "/colour",
            3,
            "unknown property "colour" in the file",
          ],
          [
            "/id",
            1,
            ""/id" must be of type string",
          ],
          [
            "/audience",
            2,
            ""/audience" must be one of: human, machine",
          ],
        ]
      `);
  });

  it.each([
    ['neither branch', 'grant:\n  reason: x\n'],
    ['both branches', 'grant:\n  identity: u1\n  role: r\n'],
  ])('reports one oneOf summary, not its branches, for %s', (_name, extra) => {
    const findings = validateSource(
      schema,
      source(`id: abc\nowners: [a]\n${extra}`),
    );

    expect(findings).toEqual([
      {
        code: 'schema.invalid',
        severity: 'error',
        file: 'roles/ap-clerk.yaml',
        path: '/grant',
        line: 4,
        column: 3,
        message: '"/grant" must match exactly one of the allowed forms',
        hint: 'see docs/formats.md for the file format',
      },
    ]);
  });

  describe('an anyOf whose branch is a $ref', () => {
    const dated = compileOrganisationSchema(
      {
        type: 'object',
        properties: {
          when: {
            type: 'string',
            anyOf: [{ $ref: '#/$defs/date' }, { const: 'unknown' }],
          },
        },
        $defs: { date: { type: 'string', pattern: '^\\d{4}$' } },
      },
      'dated.schema.json',
    );

    it('reports the summary, not the referenced branch', () => {
      const findings = validateSource(dated, source('when: soon\n'));

      expect(findings.map((f) => [f.path, f.line, f.message])).toEqual([
        ['/when', 1, '"/when" must match one of the allowed forms'],
      ]);
    });

    it('keeps an error of a sibling keyword of the same node', () => {
      const findings = validateSource(dated, source('when: 7\n'));

      expect(findings.map((f) => f.message)).toEqual([
        '"/when" must be of type string',
        '"/when" must match one of the allowed forms',
      ]);
    });
  });

  it('names the value a const expects', () => {
    const fixed = compileOrganisationSchema(
      { type: 'object', properties: { format: { const: 1 } } },
      'const.schema.json',
    );

    expect(validateSource(fixed, source('format: 2\n'))).toMatchObject([
      { path: '/format', line: 1, message: '"/format" must be 1' },
    ]);
  });

  it('drops an error repeated by two subschemas', () => {
    const findings = validateSource(
      schema,
      source('id: abc\nowners: [a]\ntwice: {}\n'),
    );

    expect(findings.map((f) => f.message)).toEqual([
      'missing required property "x" in "/twice"',
    ]);
  });

  it.each([
    ['a slash', 'org/unit', '/criteria/org~1unit'],
    ['a tilde', 'a~b', '/criteria/a~0b'],
    ['both', '~/', '/criteria/~0~1'],
  ])(
    'escapes %s in an unknown property name and still finds its line',
    (_name, key, path) => {
      const text = `id: abc\nowners: [a]\ncriteria:\n  "${key}": x\n`;

      const [finding] = validateSource(schema, source(text));

      expect(finding).toMatchObject({ path, line: 4 });
      expect(finding?.message).toBe(`unknown property "${key}" in "/criteria"`);
    },
  );

  it('truncates a long unknown property name in the message', () => {
    const key = 'k'.repeat(80);

    const [finding] = validateSource(
      schema,
      source(`id: abc\nowners: [a]\n${key}: 1\n`),
    );

    expect(finding?.path).toBe(`/${key}`);
    expect(finding?.message).toMatchInlineSnapshot(
      `"unknown property "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…" in the file"`,
    );
  });

  it('uses the code it is given', () => {
    const findings = validateSource(
      schema,
      source('id: abc\nowners: []\n'),
      'policy.role-schema',
    );

    expect(findings.map((f) => f.code)).toEqual(['policy.role-schema']);
  });

  it('leaves out the position when the document is empty', () => {
    expect(validateSource(schema, source(''))).toEqual([
      {
        code: 'schema.invalid',
        severity: 'error',
        file: 'roles/ap-clerk.yaml',
        path: '',
        message: 'the file must be of type object',
        hint: 'see docs/formats.md for the file format',
      },
    ]);
  });

  it('reports a oneOf below additionalProperties at the value', () => {
    const text = [
      'id: ap-clerk',
      'title: Clerk',
      'audience: human',
      "owners: ['@acme/fin']",
      'entitlements: []',
      'membership:',
      '  criteria:',
      '    - department: 7',
      '',
    ].join('\n');

    const findings = validateSource(builtinSchema('role'), source(text));

    expect(findings).toEqual([
      {
        code: 'schema.invalid',
        severity: 'error',
        file: 'roles/ap-clerk.yaml',
        path: '/membership/criteria/0/department',
        line: 8,
        column: 19,
        message:
          '"/membership/criteria/0/department" must match exactly one of the allowed forms',
        hint: 'see docs/formats.md for the file format',
      },
    ]);
  });
});
