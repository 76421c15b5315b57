import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/index.ts';
import { placeFindings } from './place-findings.ts';
import type { YamlSource } from './yaml-source.ts';
import { parseYamlFile } from './yaml-source.ts';

function source(file: string, text: string): YamlSource {
  const result = parseYamlFile(file, new TextEncoder().encode(text));
  if (!result.ok) throw new Error(JSON.stringify(result.findings));
  return result.source;
}

const role = source(
  'roles/ap-clerk.yaml',
  '# roles/ap-clerk.yaml\nid: ap-clerk\nentitlements:\n  - sap:FB60\n  - sap:F110\n',
);
const sources = new Map([[role.file, role]]);

function finding(extra: Partial<Finding>): Finding {
  return {
    code: 'role.critical-owners',
    severity: 'error',
    message: 'needs two owners',
    ...extra,
  };
}

describe('placeFindings', () => {
  it.each([
    ['a value', '/id', 2, 5],
    ['a sequence item', '/entitlements/1', 5, 5],
    ['the whole file', '', 2, 1],
    ['a path that is not in the file', '/owners/0', 2, 1],
    ['a path below a missing item', '/entitlements/9', 4, 3],
  ])('fills the line and column of %s', (_name, path, line, column) => {
    const [placed] = placeFindings(
      [finding({ file: 'roles/ap-clerk.yaml', path })],
      sources,
    );

    expect(placed).toEqual(
      finding({ file: 'roles/ap-clerk.yaml', path, line, column }),
    );
  });

  it('places a finding without a path at the start of the file', () => {
    const [placed] = placeFindings(
      [finding({ file: 'roles/ap-clerk.yaml' })],
      sources,
    );

    expect(placed).toMatchObject({ line: 2, column: 1 });
  });

  it.each([
    [
      'a finding that has a line',
      finding({ file: 'roles/ap-clerk.yaml', path: '/id', line: 9 }),
    ],
    ['a finding without a file', finding({ path: '/id' })],
    [
      'a finding for a file that was not parsed',
      finding({ file: 'roles/gone.yaml', path: '/id' }),
    ],
    [
      'a finding for an empty file',
      finding({ file: 'roles/empty.yaml', path: '' }),
    ],
  ])('returns %s unchanged', (_name, input) => {
    const all = new Map(sources).set(
      'roles/empty.yaml',
      source('roles/empty.yaml', ''),
    );

    const [placed] = placeFindings([input], all);

    expect(placed).toBe(input);
  });

  it('keeps the order and does not change its input', () => {
    const input = [
      finding({ file: 'roles/ap-clerk.yaml', path: '/entitlements/0' }),
      finding({ code: 'catalogue.note' }),
      finding({ file: 'roles/ap-clerk.yaml', path: '/id' }),
    ];
    const before = structuredClone(input);

    const placed = placeFindings(input, sources);

    expect(input).toEqual(before);
    expect(placed.map((f) => [f.code, f.line])).toEqual([
      ['role.critical-owners', 4],
      ['catalogue.note', undefined],
      ['role.critical-owners', 2],
    ]);
  });

  it('returns an empty list for no findings', () => {
    expect(placeFindings([], sources)).toEqual([]);
  });
});
