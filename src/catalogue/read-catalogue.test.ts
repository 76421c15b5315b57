import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyPolicySet } from '../model/index.ts';
import { createFsTree } from './file-tree.ts';
import { placeFindings } from './place-findings.ts';
import type { ReadCatalogueResult } from './read-catalogue.ts';
import { readCatalogue } from './read-catalogue.ts';
import { MAX_FILE_BYTES } from './yaml-source.ts';

let temp: string;
let repo: string;

/** Writes each path (forward slashes, relative to `base`) with its content. */
async function writeTree(
  base: string,
  files: Record<string, string | Uint8Array>,
): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const target = join(base, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** Reads roles, exceptions and policies from the same working tree. */
async function readRepo(
  files: Record<string, string | Uint8Array>,
): Promise<ReadCatalogueResult> {
  await writeTree(repo, files);
  const tree = createFsTree(repo);
  return readCatalogue({ grants: tree, rules: tree });
}

function role(id: string, extra = ''): string {
  return `id: ${id}
title: Role ${id}
audience: human
owners: ['@acme/finance-owners']
entitlements: [sap:FB60]
${extra}`;
}

const sod = `owners: ['@acme/grc']
functions:
  - id: vendor-maintenance
    title: Vendor master data
    entitlements: [sap:XK01]
risks:
  - id: P2P-001
    title: Create a vendor and pay it
    severity: critical
    owner: '@acme/grc'
    rationale: Fictitious vendors.
    functions: [vendor-maintenance]
    outcome: block
`;

const policyTests = `name: Procure to pay
tests:
  - name: a clerk alone is fine
    identities: [{id: t1, roles: [ap-clerk]}]
    expect: []
`;

const labelsRequired = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['labels'],
  properties: { labels: { type: 'array', minItems: 1 } },
});

const summary = (result: ReadCatalogueResult) =>
  result.findings.map((f) => [f.code, f.file, f.path, f.line]);

beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'rolesmith-catalogue-'));
  repo = join(temp, 'repo');
  await mkdir(repo);
});

afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('readCatalogue', () => {
  it('reads an empty repository as an empty catalogue', async () => {
    expect(await readRepo({})).toEqual({
      catalogue: {
        roles: [],
        exceptions: [],
        policies: emptyPolicySet(),
        policyTests: [],
      },
      findings: [],
      sources: new Map(),
      files: [],
    });
  });

  it('reads roles, exceptions, policies and policy tests', async () => {
    const result = await readRepo({
      'roles/finance/ap-clerk.yaml': role('ap-clerk'),
      'roles/payment-approver.yaml': role('payment-approver'),
      'exceptions/finance.yaml': `exceptions:
  - identity: u1007
    entitlement: sap:F110
    reason: Month-end cover.
    owner: '@acme/finance-owners'
`,
      'policies/sod/procure-to-pay.yaml': sod,
      'policies/tests/procure-to-pay.yaml': policyTests,
    });

    expect(result.findings).toEqual([]);
    expect(result.catalogue.roles.map((r) => [r.role.id, r.file])).toEqual([
      ['ap-clerk', 'roles/finance/ap-clerk.yaml'],
      ['payment-approver', 'roles/payment-approver.yaml'],
    ]);
    expect(result.catalogue.exceptions).toEqual([
      {
        exception: {
          identity: 'u1007',
          entitlement: 'sap:F110',
          reason: 'Month-end cover.',
          owner: '@acme/finance-owners',
        },
        file: 'exceptions/finance.yaml',
      },
    ]);
    expect(result.catalogue.policies.risks.map((r) => r.id)).toEqual([
      'P2P-001',
    ]);
    expect(result.catalogue.policies.owners).toEqual(['@acme/grc']);
    expect(result.catalogue.policyTests).toEqual([
      {
        file: 'policies/tests/procure-to-pay.yaml',
        name: 'Procure to pay',
        tests: [
          {
            name: 'a clerk alone is fine',
            path: '/tests/0',
            identities: [
              {
                id: 't1',
                kind: 'human',
                roles: ['ap-clerk'],
                entitlements: [],
              },
            ],
            expect: [],
          },
        ],
      },
    ]);
    expect(result.files).toEqual([
      'exceptions/finance.yaml',
      'policies/sod/procure-to-pay.yaml',
      'policies/tests/procure-to-pay.yaml',
      'roles/finance/ap-clerk.yaml',
      'roles/payment-approver.yaml',
    ]);
    expect([...result.sources.keys()].sort()).toEqual(result.files);
  });

  it('reads .yml files and ignores files that are not YAML', async () => {
    const result = await readRepo({
      'roles/ap-clerk.yaml': role('ap-clerk'),
      'roles/README.md': '# Roles\n',
      'roles/ap-lead.yaml.bak': 'not: [yaml',
      'policies/sod.yml': sod,
      'policies/role.schema.json': '{ not json',
    });

    expect(result.findings).toEqual([]);
    expect(result.files).toEqual(['policies/sod.yml', 'roles/ap-clerk.yaml']);
    expect(result.catalogue.policies.functions).toHaveLength(1);
  });

  it('reports a role in a .yml file as an id mismatch', async () => {
    const result = await readRepo({ 'roles/ap-clerk.yml': role('ap-clerk') });

    expect(summary(result)).toEqual([
      ['role.id-mismatch', 'roles/ap-clerk.yml', '/id', 1],
    ]);
  });

  it('reports each broken file and still reads the others', async () => {
    const huge = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x20);
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('id: latin\ntitle: x\nowner: caf'),
      0xe9,
      0x0a,
    ]);

    const result = await readRepo({
      'roles/ap-clerk.yaml': role('ap-clerk'),
      'roles/duplicate.yaml': `${role('duplicate')}title: Again\n`,
      'roles/huge.yaml': huge,
      'roles/latin.yaml': latin1,
      'roles/tabs.yaml': 'id: tabs\nreview:\n\tnext_review: 2027-01-01\n',
      'roles/two.yaml': `${role('two')}---\n${role('two')}`,
      'roles/unclosed.yaml': 'id: unclosed\nentitlements: [sap:FB60\n',
      'roles/wrong-id.yaml': role('right-id'),
      'roles/wrong-type.yaml': role('wrong-type').replace(
        "['@acme/finance-owners']",
        "'@acme/finance-owners'",
      ),
      'exceptions/bad.yaml': 'exceptions:\n  - identity: u1\n',
      'policies/bad.yaml': 'risk: []\n',
    });

    expect(summary(result)).toEqual([
      ['yaml.duplicate-key', 'roles/duplicate.yaml', undefined, 6],
      ['file.too-large', 'roles/huge.yaml', undefined, 1],
      ['file.encoding', 'roles/latin.yaml', undefined, 3],
      ['yaml.syntax', 'roles/tabs.yaml', undefined, 3],
      ['yaml.syntax', 'roles/two.yaml', undefined, 6],
      ['yaml.syntax', 'roles/unclosed.yaml', undefined, 3],
      ['role.id-mismatch', 'roles/wrong-id.yaml', '/id', 1],
      ['schema.invalid', 'roles/wrong-type.yaml', '/owners', 4],
      ['schema.invalid', 'exceptions/bad.yaml', '/exceptions/0', 2],
      ['schema.invalid', 'exceptions/bad.yaml', '/exceptions/0', 2],
      ['schema.invalid', 'exceptions/bad.yaml', '/exceptions/0', 2],
      ['schema.invalid', 'policies/bad.yaml', '/risk', 1],
    ]);
    expect(result.catalogue.roles.map((r) => r.file)).toEqual([
      'roles/ap-clerk.yaml',
      'roles/wrong-id.yaml',
    ]);
    expect(result.files).toHaveLength(11);
    expect(result.sources.has('roles/huge.yaml')).toBe(false);
    expect(result.sources.has('roles/wrong-type.yaml')).toBe(true);
  });

  it('takes roles and exceptions from grants and policies from rules', async () => {
    const grants = join(temp, 'grants');
    const rules = join(temp, 'rules');
    await writeTree(grants, {
      'roles/ap-clerk.yaml': role('ap-clerk'),
      'policies/sod.yaml': sod.replace('P2P-001', 'RELAXED'),
    });
    await writeTree(rules, {
      'roles/ap-lead.yaml': role('ap-lead'),
      'policies/sod.yaml': sod,
    });

    const result = await readCatalogue({
      grants: createFsTree(grants),
      rules: createFsTree(rules),
    });

    expect(result.catalogue.roles.map((r) => r.role.id)).toEqual(['ap-clerk']);
    expect(result.catalogue.policies.risks.map((r) => r.id)).toEqual([
      'P2P-001',
    ]);
    expect(result.files).toEqual(['policies/sod.yaml', 'roles/ap-clerk.yaml']);
  });

  it('reads from a custom layout', async () => {
    const result = await readRepo({
      'catalogue/roles/ap-clerk.yaml': role('ap-clerk'),
      'catalogue/grants/finance.yaml': 'exceptions: []\n',
      'rules/sod.yaml': sod,
      'rules/tests/p2p.yaml': policyTests,
      'roles/ignored.yaml': role('ignored'),
    });
    const tree = createFsTree(repo);

    const custom = await readCatalogue({
      grants: tree,
      rules: tree,
      layout: {
        roles: 'catalogue/roles',
        exceptions: 'catalogue/grants',
        policies: 'rules',
      },
    });

    expect(result.catalogue.roles.map((r) => r.role.id)).toEqual(['ignored']);
    expect(custom.findings).toEqual([]);
    expect(custom.catalogue.roles.map((r) => r.role.id)).toEqual(['ap-clerk']);
    expect(custom.catalogue.policyTests.map((t) => t.file)).toEqual([
      'rules/tests/p2p.yaml',
    ]);
    expect(custom.catalogue.policies.risks).toHaveLength(1);
  });

  it('skips a role file that is a symbolic link', async () => {
    await writeTree(temp, { 'elsewhere/ap-lead.yaml': role('ap-lead') });
    await mkdir(join(repo, 'roles'));
    await symlink(
      join(temp, 'elsewhere/ap-lead.yaml'),
      join(repo, 'roles/ap-lead.yaml'),
    );

    const result = await readRepo({ 'roles/ap-clerk.yaml': role('ap-clerk') });

    expect(result.files).toEqual(['roles/ap-clerk.yaml']);
  });

  describe('policies', () => {
    it('reports an id declared in two files, naming the first', async () => {
      const result = await readRepo({
        'policies/a-first.yaml': sod,
        'policies/b-second.yaml': sod.replace("owners: ['@acme/grc']\n", ''),
      });

      expect(result.findings).toEqual([
        {
          code: 'policy.duplicate-id',
          severity: 'error',
          file: 'policies/b-second.yaml',
          path: '/functions/0',
          line: 2,
          column: 5,
          message:
            'function id "vendor-maintenance" is already declared in policies/a-first.yaml',
          hint: 'policy ids are unique across all policy files; rename one',
        },
        {
          code: 'policy.duplicate-id',
          severity: 'error',
          file: 'policies/b-second.yaml',
          path: '/risks/0',
          line: 6,
          column: 5,
          message:
            'risk id "P2P-001" is already declared in policies/a-first.yaml',
          hint: 'policy ids are unique across all policy files; rename one',
        },
      ]);
    });

    it('keeps policy tests out of the merged policies', async () => {
      const result = await readRepo({
        'policies/tests/p2p.yaml': policyTests,
        'policies/tests/broken.yaml': sod,
      });

      expect(result.catalogue.policies).toEqual(emptyPolicySet());
      expect(result.catalogue.policyTests.map((t) => t.file)).toEqual([
        'policies/tests/p2p.yaml',
      ]);
      expect(result.findings.map((f) => [f.code, f.file, f.message])).toEqual([
        [
          'schema.invalid',
          'policies/tests/broken.yaml',
          'missing required property "name" in the file',
        ],
        [
          'schema.invalid',
          'policies/tests/broken.yaml',
          'missing required property "tests" in the file',
        ],
        [
          'schema.invalid',
          'policies/tests/broken.yaml',
          'unknown property "owners" in the file',
        ],
        [
          'schema.invalid',
          'policies/tests/broken.yaml',
          'unknown property "functions" in the file',
        ],
        [
          'schema.invalid',
          'policies/tests/broken.yaml',
          'unknown property "risks" in the file',
        ],
      ]);
    });
  });

  describe('evidence blocks', () => {
    const brokenEvidence = role(
      'ap-clerk',
      `evidence:
  format: 1
  mined_by:
    tool: rolesmith
    version: 0.1.0
    algorithm: 42
`,
    );

    it('reports a malformed block at its line and keeps the role', async () => {
      const result = await readRepo({
        'roles/ap-clerk.yaml': brokenEvidence,
      });

      expect(result.findings).toContainEqual(
        expect.objectContaining({
          code: 'role.evidence-invalid',
          severity: 'error',
          file: 'roles/ap-clerk.yaml',
          path: '/evidence/mined_by/algorithm',
          line: 11,
          message: '"/evidence/mined_by/algorithm" must be of type string',
          subject: { role: 'ap-clerk' },
        }),
      );
      // The missing parameters and the missing top-level fields, too.
      expect(
        result.findings.every((f) => f.code === 'role.evidence-invalid'),
      ).toBe(true);
      expect(result.catalogue.roles.map((r) => r.role.id)).toEqual([
        'ap-clerk',
      ]);
    });

    it('allows no block and an empty one', async () => {
      const result = await readRepo({
        'roles/ap-clerk.yaml': role('ap-clerk'),
        'roles/ap-lead.yaml': role('ap-lead', 'evidence: {}\n'),
      });

      expect(result.findings).toEqual([]);
    });

    it('checks the block of a role that breaks its own schema', async () => {
      const result = await readRepo({
        'roles/ap-clerk.yaml': `${brokenEvidence}colour: blue\n`,
      });

      expect(summary(result)).toContainEqual([
        'role.evidence-invalid',
        'roles/ap-clerk.yaml',
        '/evidence/mined_by/algorithm',
        11,
      ]);
      expect(summary(result)).toContainEqual([
        'schema.invalid',
        'roles/ap-clerk.yaml',
        '/colour',
        12,
      ]);
    });
  });

  describe('organisation role schema', () => {
    const lp = (schema: string) =>
      `least_privilege:\n  critical: [sap:F110]\n  role_schema: ${schema}\n`;

    it('adds its rules to every role, with lines', async () => {
      const result = await readRepo({
        'policies/least-privilege.yaml': lp('role.schema.json'),
        'policies/role.schema.json': labelsRequired,
        'roles/empty-labels.yaml': role('empty-labels', 'labels: []\n'),
        'roles/labelled.yaml': role('labelled', 'labels: [finance]\n'),
        'roles/no-labels.yaml': `# no labels yet\n${role('no-labels')}`,
      });

      expect(result.findings).toEqual([
        {
          code: 'policy.role-schema',
          severity: 'error',
          file: 'roles/empty-labels.yaml',
          path: '/labels',
          line: 6,
          column: 9,
          message: '"/labels" must NOT have fewer than 1 items',
          hint: 'see docs/formats.md for the file format',
        },
        {
          code: 'policy.role-schema',
          severity: 'error',
          file: 'roles/no-labels.yaml',
          path: '',
          line: 2,
          column: 1,
          message: 'missing required property "labels" in the file',
          hint: 'add the property; see docs/formats.md for an example',
        },
      ]);
      expect(result.catalogue.roles).toHaveLength(3);
    });

    it('checks a role whose id does not match its file name', async () => {
      const result = await readRepo({
        'policies/lp.yaml': lp('role.schema.json'),
        'policies/role.schema.json': labelsRequired,
        'roles/other.yaml': role('ap-clerk'),
      });

      expect(summary(result)).toEqual([
        ['role.id-mismatch', 'roles/other.yaml', '/id', 1],
        ['policy.role-schema', 'roles/other.yaml', '', 1],
      ]);
    });

    it('does not check roles that fail the built-in schema', async () => {
      const result = await readRepo({
        'policies/lp.yaml': lp('role.schema.json'),
        'policies/role.schema.json': labelsRequired,
        'roles/ap-clerk.yaml': role('ap-clerk').replace('human', 'both'),
      });

      expect(summary(result)).toEqual([
        ['schema.invalid', 'roles/ap-clerk.yaml', '/audience', 3],
      ]);
    });

    it('resolves the schema relative to a nested policy file', async () => {
      const result = await readRepo({
        'policies/sod/lp.yaml': lp('../schemas/role.json'),
        'policies/schemas/role.json': labelsRequired,
        'roles/ap-clerk.yaml': role('ap-clerk'),
      });

      expect(summary(result)).toEqual([
        ['policy.role-schema', 'roles/ap-clerk.yaml', '', 1],
      ]);
    });

    it('never leaves the repository root through ..', async () => {
      await writeTree(temp, { 'outside.json': labelsRequired });

      const result = await readRepo({
        'policies/lp.yaml': lp('../../outside.json'),
        'roles/ap-clerk.yaml': role('ap-clerk'),
      });

      expect(result.findings).toEqual([
        {
          code: 'policy.role-schema-missing',
          severity: 'error',
          file: 'policies/lp.yaml',
          path: '/least_privilege/role_schema',
          message:
            'the role schema outside.json does not exist in the working tree',
          hint: 'add the schema file or remove least_privilege.role_schema',
        },
      ]);
    });

    it('reports a missing schema file at the role_schema line once placed', async () => {
      const result = await readRepo({
        'policies/lp.yaml': lp('role.schema.json'),
        'roles/ap-clerk.yaml': role('ap-clerk'),
      });

      const placed = placeFindings(result.findings, result.sources);

      expect(placed.map((f) => [f.code, f.file, f.line, f.column, f.message]))
        .toMatchInlineSnapshot(`
          [
            [
              "policy.role-schema-missing",
              "policies/lp.yaml",
              3,
              16,
              "the role schema policies/role.schema.json does not exist in the working tree",
            ],
          ]
        `);
    });

    it('reports a schema file that is a link as missing', async () => {
      await writeTree(temp, { 'secret.json': labelsRequired });
      await mkdir(join(repo, 'policies'));
      await symlink(
        join(temp, 'secret.json'),
        join(repo, 'policies/role.schema.json'),
      );

      const result = await readRepo({
        'policies/lp.yaml': lp('role.schema.json'),
        'roles/ap-clerk.yaml': role('ap-clerk'),
      });

      expect(summary(result)).toEqual([
        [
          'policy.role-schema-missing',
          'policies/lp.yaml',
          '/least_privilege/role_schema',
          undefined,
        ],
      ]);
    });

    it('reports a schema file that is not JSON', async () => {
      const result = await readRepo({
        'policies/lp.yaml': lp('role.schema.json'),
        'policies/role.schema.json': '{ "type": "object", }',
        'roles/ap-clerk.yaml': role('ap-clerk'),
      });

      expect(result.findings).toEqual([
        {
          code: 'policy.role-schema-invalid',
          severity: 'error',
          file: 'policies/role.schema.json',
          message: expect.stringMatching(
            /^the role schema is not valid JSON: /,
          ) as string,
          hint: 'fix the JSON syntax',
        },
      ]);
    });

    it('reports a schema that does not compile as a finding', async () => {
      const result = await readRepo({
        'policies/lp.yaml': lp('role.schema.json'),
        'policies/role.schema.json': '{ "type": "record" }',
        'roles/ap-clerk.yaml': role('ap-clerk'),
      });

      expect(summary(result)).toEqual([
        [
          'policy.role-schema-invalid',
          'policies/role.schema.json',
          undefined,
          undefined,
        ],
      ]);
    });

    it('ignores the schema of a duplicate least_privilege block', async () => {
      const result = await readRepo({
        'policies/a.yaml': 'least_privilege:\n  critical: [sap:F110]\n',
        'policies/b.yaml': lp('missing.json'),
        'roles/ap-clerk.yaml': role('ap-clerk'),
      });

      expect(summary(result)).toEqual([
        ['policy.duplicate-id', 'policies/b.yaml', '/least_privilege', 2],
      ]);
    });
  });
});
