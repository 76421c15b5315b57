import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlFile } from './yaml-source.ts';

const root = join(import.meta.dirname, '../..');

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), {
    withFileTypes: true,
    recursive: true,
  });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => join(e.parentPath, e.name));
}

const samples: [string, string][] = [
  ['scalars', 'a: 1\nb: 1.5\nc: true\nd: null\ne: ~\nf: 2026-10-01\ng: 0x1F\n'],
  ['quoted', "a: '@acme/x'\nb: \"tab\\there\"\nc: 'it''s'\n"],
  ['blocks', 'a: |\n  line one\n  line two\nb: >\n  folded\n  text\n'],
  ['flow', 'a: [x, y, {k: v}]\nb: {c: [1, 2]}\n'],
  ['yes-no stay strings', 'a: yes\nb: no\nc: on\nd: off\n'],
  ['octal-looking', 'a: 0777\nb: 0o17\nc: 1e3\nd: .inf\n'],
  ['empty', ''],
  ['comments only', '# nothing here\n'],
  ['unicode', 'title: Comptabilité fournisseurs — Zürich\n'],
];

describe('the fast YAML path', () => {
  it.each(samples)('reads %s exactly as the careful path does', (_n, text) => {
    const bytes = new TextEncoder().encode(text);

    const fast = parseYamlFile('x.yaml', bytes);
    const careful = parseYamlFile('x.yaml', bytes, { fast: false });

    expect(fast.ok && careful.ok).toBe(true);
    if (fast.ok && careful.ok) {
      expect(fast.source.data).toEqual(careful.source.data);
    }
  });

  it('reads every file of the example catalogue as the careful path does', async () => {
    const files = [
      ...(await yamlFiles('roles')),
      ...(await yamlFiles('policies')),
      ...(await yamlFiles('exceptions')),
    ];
    expect(files.length).toBeGreaterThan(10);

    for (const file of files) {
      const bytes = await readFile(file);
      const fast = parseYamlFile(file, bytes);
      const careful = parseYamlFile(file, bytes, { fast: false });
      expect(fast.ok && careful.ok ? fast.source.data : 'failed').toEqual(
        careful.ok ? careful.source.data : 'careful failed',
      );
    }
  });

  it('locates a pointer lazily on the fast path', () => {
    const text = 'id: a\nowners:\n  - "@x"\n  - "@y"\n';

    const parsed = parseYamlFile('x.yaml', new TextEncoder().encode(text));

    expect(parsed.ok && parsed.source.locate('/owners/1')).toEqual({
      line: 4,
      column: 5,
    });
  });
});
