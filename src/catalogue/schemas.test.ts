import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RolesmithError } from '../errors.ts';
import { validateSource } from './schema-findings.ts';
import type { SchemaName } from './schemas.ts';
import { builtinSchema, compileOrganisationSchema } from './schemas.ts';
import { parseYamlFile } from './yaml-source.ts';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** The fenced YAML examples in docs/formats.md, keyed by their path comment. */
function documentedExamples(): [string, string][] {
  const url = new URL('../../docs/formats.md', import.meta.url);
  const markdown = readFileSync(url, 'utf8');
  const blocks = [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)];
  return blocks.map((match) => {
    const text = match[1] ?? '';
    const path = /^# (\S+)/.exec(text)?.[1] ?? '';
    return [path, text];
  });
}

function schemaFor(path: string): SchemaName {
  if (path.startsWith('roles/')) return 'role';
  if (path.startsWith('exceptions/')) return 'exceptions';
  if (path.startsWith('policies/tests/')) return 'policy-test';
  return 'policy';
}

describe('builtinSchema', () => {
  it.each(['role', 'policy', 'exceptions', 'policy-test'] as const)(
    'compiles the shipped %s schema once and reuses it',
    (name) => {
      const first = builtinSchema(name);

      expect(typeof first).toBe('function');
      expect(builtinSchema(name)).toBe(first);
    },
  );

  it('finds an example for each file kind in docs/formats.md', () => {
    const paths = documentedExamples().map(([path]) => path);

    expect(paths).toEqual([
      'roles/finance/ap-clerk.yaml',
      'exceptions/finance.yaml',
      'policies/sod/procure-to-pay.yaml',
      'policies/least-privilege.yaml',
      'policies/tests/procure-to-pay.yaml',
    ]);
  });

  it.each(documentedExamples())(
    'accepts the documented example %s',
    (path, text) => {
      const parsed = parseYamlFile(path, new TextEncoder().encode(text));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.findings));

      expect(
        validateSource(builtinSchema(schemaFor(path)), parsed.source),
      ).toEqual([]);
    },
  );
});

describe('compileOrganisationSchema', () => {
  it('compiles a schema that validates role data', () => {
    const validate = compileOrganisationSchema(
      {
        type: 'object',
        required: ['labels'],
        properties: { labels: { type: 'array', minItems: 1 } },
      },
      'policies/role.schema.json',
    );

    expect(validate({ labels: ['finance'] })).toBe(true);
    expect(validate({ labels: [] })).toBe(false);
    expect(validate({})).toBe(false);
  });

  it('accepts a required property declared only in the built-in schema', () => {
    // Organisation schemas add rules to ours, so they need not repeat properties.
    const validate = compileOrganisationSchema(
      { type: 'object', required: ['description'] },
      'policies/role.schema.json',
    );

    expect(validate({ description: 'x' })).toBe(true);
  });

  it('may reuse the $id of a shipped schema', () => {
    builtinSchema('role');

    const validate = compileOrganisationSchema(
      { $id: 'https://rolesmith.dev/schemas/role.schema.json', type: 'object' },
      'policies/role.schema.json',
    );

    expect(validate({})).toBe(true);
  });

  it.each([
    {
      name: 'an invalid type name',
      schema: { type: 'object', properties: { x: { type: 'text' } } },
      message:
        'the role schema does not compile: schema is invalid: ' +
        'data/properties/x/type must be equal to one of the allowed ' +
        'values, data/properties/x/type must be array, ' +
        'data/properties/x/type must match a schema in anyOf',
    },
    {
      name: 'an unknown keyword',
      schema: { type: 'object', minProps: 1 },
      message:
        'the role schema does not compile: strict mode: unknown keyword: "minProps"',
    },
    {
      name: 'a keyword without its type',
      schema: { properties: { labels: { type: 'array' } } },
      message:
        'the role schema does not compile: strict mode: missing type ' +
        '"object" for keyword "properties" at "#" (strictTypes)',
    },
    {
      name: 'a reference that does not resolve',
      schema: { $ref: '#/$defs/nowhere' },
      message:
        "the role schema does not compile: can't resolve reference #/$defs/nowhere from id #",
    },
  ])('rejects $name as a config error naming the file', (row) => {
    const error = thrown(() =>
      compileOrganisationSchema(row.schema, 'policies/role.schema.json'),
    );

    expect(error).toBeInstanceOf(RolesmithError);
    expect(error).toMatchObject({
      code: 'config',
      exitCode: 2,
      message: row.message,
      location: { file: 'policies/role.schema.json' },
      expected: 'a JSON Schema (draft 2020-12) for role files',
    });
    expect((error as RolesmithError).cause).toBeInstanceOf(Error);
  });
});
