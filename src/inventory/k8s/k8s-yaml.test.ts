import { describe, expect, it } from 'vitest';
import { parseManifestFile } from './k8s-yaml.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseManifestFile', () => {
  it('gives every document of a stream with file-absolute lines', () => {
    const text = 'kind: A\n---\nkind: B\nsubjects:\n  - name: x\n  - name: y\n';

    const { documents, problems } = parseManifestFile('m.yaml', utf8(text));

    expect(problems).toEqual([]);
    expect(documents.map((d) => [d.index, d.count, d.data])).toEqual([
      [1, 2, { kind: 'A' }],
      [2, 2, { kind: 'B', subjects: [{ name: 'x' }, { name: 'y' }] }],
    ]);
    expect(documents[1]?.lineOf(['subjects', 1])).toBe(6);
    expect(documents[1]?.lineOf(['subjects', 1, 'name'])).toBe(6);
    // A path that is not there falls back to its nearest ancestor.
    expect(documents[1]?.lineOf(['subjects', 9, 'name'])).toBe(4);
  });

  it('reads JSON with its lines, after a byte order mark', () => {
    const text =
      '\ufeff{\n  "kind": "Role",\n  "rules": [\n    {"verbs": ["get"]}\n  ]\n}\n';

    const { documents } = parseManifestFile('r.json', utf8(text));

    expect(documents[0]?.data).toEqual({
      kind: 'Role',
      rules: [{ verbs: ['get'] }],
    });
    expect(documents[0]?.lineOf(['rules', 0])).toBe(4);
  });

  it('keeps the good documents next to a broken one', () => {
    const text = 'kind: A\n---\nkind: [B\n---\nkind: C\n';

    const { documents, problems } = parseManifestFile('m.yaml', utf8(text));

    expect(documents.map((d) => d.index)).toEqual([1, 3]);
    expect(problems).toMatchObject([
      {
        file: 'm.yaml',
        path: 'document 2',
        line: expect.any(Number) as number,
      },
    ]);
  });

  it('parses YAML 1.2: yes and dates stay strings', () => {
    const { documents } = parseManifestFile(
      'm.yaml',
      utf8('name: yes\ncreated: 2024-01-02\n'),
    );

    expect(documents[0]?.data).toEqual({ name: 'yes', created: '2024-01-02' });
  });
});
