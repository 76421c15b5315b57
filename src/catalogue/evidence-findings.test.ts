import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EvidenceBlock } from '../evidence/evidence.ts';
import { buildEvidence } from '../evidence/evidence.ts';
import { fixtureInventory, fixtureResult } from '../evidence/fixture.ts';
import { draftRole } from '../evidence/role-draft.ts';
import type { CandidateRole } from '../mining/types.ts';
import type { Role, RoleEvidence } from '../model/index.ts';
import { EVIDENCE_CODE, evidenceFindings } from './evidence-findings.ts';
import { roleToYaml } from './role-writer.ts';
import type { YamlSource } from './yaml-source.ts';
import { parseYamlFile } from './yaml-source.ts';

const FILE = 'roles/finance/ap-clerk.yaml';

function source(text: string): YamlSource {
  const result = parseYamlFile(FILE, new TextEncoder().encode(text));
  if (!result.ok) throw new Error(JSON.stringify(result.findings));
  return result.source;
}

/** The evidence block `mine --write` records, built by the same code. */
function minedBlock(): EvidenceBlock {
  const result = fixtureResult();
  return buildEvidence(result.roles[0] as CandidateRole, {
    result,
    inventory: fixtureInventory(),
    version: '0.1.0',
    attributes: ['department', 'title'],
    usageWindowDays: 180,
    risks: ['P2P-001'],
    existing: [],
  });
}

/** The same block as plain data, for a test to tamper with. */
function minedEvidence(): RoleEvidence {
  return JSON.parse(JSON.stringify(minedBlock())) as RoleEvidence;
}

/** A role file as `mine --write` writes it, with the given evidence. */
function roleFile(evidence: RoleEvidence | undefined): string {
  const candidate = fixtureResult().roles[0] as CandidateRole;
  const role: Role = draftRole({ ...candidate, id: 'ap-clerk' }, minedBlock(), [
    '@acme/finance-owners',
  ]);
  if (evidence === undefined) delete role.evidence;
  else role.evidence = evidence;
  return roleToYaml(role);
}

/** The 1-based line of the only line of `text` that `needle` is on. */
function lineOf(text: string, needle: string): number {
  const lines = text.split('\n');
  const at = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  expect(at, `"${needle}" once in the file`).toHaveLength(1);
  return at[0] ?? 0;
}

function tampered(change: (evidence: Record<string, unknown>) => void) {
  const evidence = minedEvidence();
  change(evidence);
  return roleFile(evidence);
}

function at(block: Record<string, unknown>, key: string) {
  return block[key] as Record<string, unknown>;
}

describe('evidenceFindings', () => {
  it('passes the block that mine --write records', () => {
    const text = roleFile(minedEvidence());
    expect(text).toContain('mined_by:');

    expect(evidenceFindings(source(text), 'ap-clerk')).toEqual([]);
  });

  it('passes the golden role file of the evidence tests', () => {
    const url = new URL(
      '../../test/golden/evidence/finance-accounts-payable-clerk.yaml',
      import.meta.url,
    );
    const text = readFileSync(url, 'utf8');
    expect(text).toContain('mined_by:');

    expect(evidenceFindings(source(text))).toEqual([]);
  });

  it.each([
    ['no evidence', roleFile(undefined)],
    ['an empty block', roleFile({})],
    ['an empty flow mapping', `${roleFile(undefined)}evidence: {}\n`],
  ])('passes a hand-written role with %s', (_name, text) => {
    expect(evidenceFindings(source(text))).toEqual([]);
  });

  it('leaves an evidence value that is not a mapping to the role schema', () => {
    const text = `${roleFile(undefined)}evidence: [format]\n`;

    expect(evidenceFindings(source(text))).toEqual([]);
  });

  it('reports a value of the wrong type at its line', () => {
    const text = tampered((e) => {
      at(at(e, 'statistics'), 'members')['count'] = 'six';
    });

    expect(evidenceFindings(source(text), 'ap-clerk')).toEqual([
      {
        code: EVIDENCE_CODE,
        severity: 'error',
        file: FILE,
        path: '/evidence/statistics/members/count',
        line: lineOf(text, 'count: six'),
        column: expect.any(Number) as number,
        message: '"/evidence/statistics/members/count" must be of type integer',
        hint: expect.stringContaining('schemas/evidence.schema.json') as string,
        subject: { role: 'ap-clerk' },
      },
    ]);
  });

  it('reports a missing required field at the mapping that lacks it', () => {
    const text = tampered((e) => {
      delete at(e, 'mined_by')['algorithm'];
    });

    const findings = evidenceFindings(source(text));

    expect(findings).toMatchObject([
      {
        code: EVIDENCE_CODE,
        path: '/evidence/mined_by',
        // The mapping's first key, as for every schema finding.
        line: lineOf(text, 'tool: rolesmith'),
        message:
          'missing required property "algorithm" in "/evidence/mined_by"',
      },
    ]);
    expect(findings[0]).not.toHaveProperty('subject');
  });

  it.each([
    {
      name: 'an empty algorithm name',
      change: (e: Record<string, unknown>) => {
        at(e, 'mined_by')['algorithm'] = '';
      },
      needle: "algorithm: ''",
      path: '/evidence/mined_by/algorithm',
      message:
        '"/evidence/mined_by/algorithm" must NOT have fewer than 1 characters',
    },
    {
      name: 'an algorithm that is not a name',
      change: (e: Record<string, unknown>) => {
        at(e, 'mined_by')['algorithm'] = 7;
      },
      needle: 'algorithm: 7',
      path: '/evidence/mined_by/algorithm',
      message: '"/evidence/mined_by/algorithm" must be of type string',
    },
    {
      name: 'a tool other than rolesmith',
      change: (e: Record<string, unknown>) => {
        at(e, 'mined_by')['tool'] = 'rolemaker';
      },
      needle: 'tool: rolemaker',
      path: '/evidence/mined_by/tool',
      message: '"/evidence/mined_by/tool" must be "rolesmith"',
    },
    {
      name: 'another format',
      change: (e: Record<string, unknown>) => {
        e['format'] = 2;
      },
      needle: 'format: 2',
      path: '/evidence/format',
      message: '"/evidence/format" must be 1',
    },
    {
      name: 'an unknown property',
      change: (e: Record<string, unknown>) => {
        at(e, 'mined_by')['algorithm_name'] = 'governed';
      },
      needle: 'algorithm_name: governed',
      path: '/evidence/mined_by/algorithm_name',
      message: 'unknown property "algorithm_name" in "/evidence/mined_by"',
    },
    {
      name: 'a data date that is neither a date nor unknown',
      change: (e: Record<string, unknown>) => {
        at(e, 'data')['date'] = 'last week';
      },
      needle: 'date: last week',
      path: '/evidence/data/date',
      message: '"/evidence/data/date" must match one of the allowed forms',
    },
    {
      name: 'a source digest that is not SHA-256',
      change: (e: Record<string, unknown>) => {
        const [first] = at(e, 'data')['sources'] as Record<string, unknown>[];
        if (first !== undefined) first['sha256'] = 'abc';
      },
      needle: 'sha256: abc',
      path: '/evidence/data/sources/0/sha256',
      message:
        '"/evidence/data/sources/0/sha256" does not match the expected form ^[0-9a-f]{64}$',
    },
  ])('reports $name at its line', (row) => {
    const text = tampered(row.change);

    expect(evidenceFindings(source(text))).toMatchObject([
      {
        code: EVIDENCE_CODE,
        severity: 'error',
        path: row.path,
        line: lineOf(text, row.needle),
        message: row.message,
      },
    ]);
  });

  it('reports every problem of a block in one run', () => {
    const text = tampered((e) => {
      delete e['confidence'];
      at(e, 'mined_by')['version'] = 1;
    });

    expect(evidenceFindings(source(text)).map((f) => f.path)).toEqual([
      '/evidence',
      '/evidence/mined_by/version',
    ]);
  });
});
