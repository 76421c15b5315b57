import { describe, expect, it } from 'vitest';
import type { YamlSource } from './yaml-source.ts';
import { MAX_ALIASES, MAX_FILE_BYTES, parseYamlFile } from './yaml-source.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function parseOk(text: string | Uint8Array): YamlSource {
  const result = parseYamlFile(
    'roles/ap-clerk.yaml',
    typeof text === 'string' ? utf8(text) : text,
  );
  if (!result.ok) {
    throw new Error(`expected valid YAML: ${JSON.stringify(result.findings)}`);
  }
  return result.source;
}

function parseFindings(text: string | Uint8Array) {
  const result = parseYamlFile(
    'roles/ap-clerk.yaml',
    typeof text === 'string' ? utf8(text) : text,
  );
  if (result.ok) throw new Error('expected findings, got a valid file');
  return result.findings;
}

/** `count` aliases of one scalar anchor, one per list item. */
function aliases(count: number): string {
  const items = Array.from({ length: count }, () => '  - *x\n').join('');
  return `anchor: &x value\nlist:\n${items}`;
}

/** Nine levels of nine aliases each: 9^9 strings once expanded. */
function billionLaughs(): string {
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (const [from, to] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi']) {
    const refs = Array.from({ length: 9 }, () => `*${String(from)}`);
    lines.push(`${String(to)}: &${String(to)} [${refs.join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('parseYamlFile', () => {
  it('returns the data and the file of a valid document', () => {
    const source = parseOk('id: ap-clerk\nowners:\n  - "@acme/finance"\n');

    expect(source.file).toBe('roles/ap-clerk.yaml');
    expect(source.data).toEqual({ id: 'ap-clerk', owners: ['@acme/finance'] });
  });

  it.each([
    ['an empty file', ''],
    ['a file with only a comment', '# nothing yet\n'],
    ['an explicit null', '~\n'],
  ])('reads %s as null', (_name, text) => {
    expect(parseOk(text).data).toBeNull();
  });

  it('keeps dates and YAML 1.1 booleans as strings (YAML 1.2 core schema)', () => {
    const source = parseOk(
      'last_reviewed: 2026-10-01\ncountry: no\nflag: yes\ncount: 0o17\n',
    );

    expect(source.data).toEqual({
      last_reviewed: '2026-10-01',
      country: 'no',
      flag: 'yes',
      count: 15,
    });
  });

  describe('malformed YAML', () => {
    it.each([
      {
        name: 'an unclosed flow sequence',
        text: 'id: ap-clerk\nentitlements: [sap:FB60, sap:FBL1N\ntitle: x\n',
        line: 3,
        column: 1,
        message:
          'Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
      {
        name: 'an unclosed flow mapping',
        text: 'review: {last_reviewed: 2026-10-01\n',
        line: 2,
        column: 1,
        message:
          'Flow map in block collection must be sufficiently indented and end with a }',
      },
      {
        name: 'an unterminated quoted string',
        text: 'id: ap-clerk\ntitle: "Accounts payable\n',
        line: 3,
        column: 1,
        message: 'Missing closing "quote',
      },
      {
        name: 'a key indented less than its siblings',
        text: 'review:\n  last_reviewed: 2026-10-01\n next_review: 2027-03-31\n',
        line: 3,
        column: 1,
        message: 'All mapping items must start at the same column',
      },
      {
        name: 'a tab used for indentation',
        text: 'review:\n\tlast_reviewed: 2026-10-01\n',
        line: 2,
        column: 1,
        message: 'Tabs are not allowed as indentation',
      },
    ])('reports $name as yaml.syntax on its line', (row) => {
      const findings = parseFindings(row.text);

      expect(findings).toEqual([
        {
          code: 'yaml.syntax',
          severity: 'error',
          file: 'roles/ap-clerk.yaml',
          line: row.line,
          column: row.column,
          message: row.message,
          hint: 'fix the YAML syntax at this line (indent with spaces)',
        },
      ]);
    });

    it('reports each problem of a key indented more than its siblings', () => {
      const findings = parseFindings('id: ap-clerk\n  title: x\n');

      expect(findings.map((f) => [f.code, f.line, f.column, f.message]))
        .toMatchInlineSnapshot(`
          [
            [
              "yaml.syntax",
              1,
              5,
              "Nested mappings are not allowed in compact mappings",
            ],
            [
              "yaml.syntax",
              1,
              5,
              "Implicit keys need to be on a single line",
            ],
          ]
        `);
    });

    it('keeps only the first line of a multi-line parser message', () => {
      const findings = parseFindings('a: [1, 2\n');

      expect(findings.every((f) => !f.message.includes('\n'))).toBe(true);
    });

    it('reports an alias to an anchor that does not exist', () => {
      expect(parseFindings('owners: *team\n')).toEqual([
        {
          code: 'yaml.syntax',
          severity: 'error',
          file: 'roles/ap-clerk.yaml',
          line: 1,
          column: 1,
          message:
            'Unresolved alias (the anchor must be set before the alias): team',
          hint: 'fix the YAML',
        },
      ]);
    });
  });

  describe('documents', () => {
    it.each([
      ['two documents', 'id: a\n---\nid: b\n', 2],
      ['three documents', 'id: a\n---\nid: b\n---\nid: c\n', 2],
      [
        'a second document after an explicit start',
        '---\nid: a\n---\nid: b\n',
        3,
      ],
    ])(
      'rejects %s in one file, pointing at the second',
      (_name, text, line) => {
        expect(parseFindings(text)).toEqual([
          {
            code: 'yaml.syntax',
            severity: 'error',
            file: 'roles/ap-clerk.yaml',
            line,
            column: 1,
            message:
              'the file holds more than one YAML document; one is expected',
            hint: 'fix the YAML syntax at this line (indent with spaces)',
          },
        ]);
      },
    );

    it('accepts a single document with an explicit start and end', () => {
      expect(parseOk('---\nid: a\n...\n').data).toEqual({ id: 'a' });
    });
  });

  describe('duplicate keys', () => {
    it.each([
      {
        name: 'at the top level',
        text: 'id: ap-clerk\ntitle: Clerk\nid: ap-lead\n',
        line: 3,
        column: 1,
      },
      {
        name: 'in a nested mapping',
        text: 'review:\n  next_review: 2027-01-01\n  next_review: 2027-03-31\n',
        line: 3,
        column: 3,
      },
      {
        name: 'in a mapping inside a sequence',
        text: 'exceptions:\n  - identity: u1\n    reason: a\n    identity: u2\n',
        line: 4,
        column: 5,
      },
      {
        name: 'in a flow mapping',
        text: 'id: a\nreview: {next_review: x, next_review: y}\n',
        line: 2,
        column: 26,
      },
      {
        name: 'with CRLF line endings',
        text: 'id: a\r\ntitle: t\r\ntitle: u\r\n',
        line: 3,
        column: 1,
      },
      {
        name: 'spelled once plain and once quoted',
        text: 'id: a\n"id": b\n',
        line: 2,
        column: 1,
      },
    ])('rejects a duplicate key $name with the line of the second', (row) => {
      expect(parseFindings(row.text)).toEqual([
        {
          code: 'yaml.duplicate-key',
          severity: 'error',
          file: 'roles/ap-clerk.yaml',
          line: row.line,
          column: row.column,
          message: 'duplicate key: each key may appear once per mapping',
          hint: 'remove or rename the repeated key',
        },
      ]);
    });

    it('allows the same key in sibling mappings', () => {
      const source = parseOk('a:\n  id: 1\nb:\n  id: 2\n');

      expect(source.data).toEqual({ a: { id: 1 }, b: { id: 2 } });
    });
  });

  describe('aliases', () => {
    it('expands a few aliases', () => {
      const source = parseOk(
        'team: &team ["@acme/finance"]\nowners: *team\nreviewers: *team\n',
      );

      expect(source.data).toEqual({
        team: ['@acme/finance'],
        owners: ['@acme/finance'],
        reviewers: ['@acme/finance'],
      });
    });

    it('accepts exactly the alias limit', () => {
      const source = parseOk(aliases(MAX_ALIASES));

      expect((source.data as { list: string[] }).list).toHaveLength(100);
    });

    it('rejects one alias more than the limit', () => {
      expect(parseFindings(aliases(MAX_ALIASES + 1))).toEqual([
        {
          code: 'yaml.alias-limit',
          severity: 'error',
          file: 'roles/ap-clerk.yaml',
          line: 1,
          column: 1,
          message: 'too many alias expansions (more than 100)',
          hint: 'write the values out instead of using YAML aliases',
        },
      ]);
    });

    it('rejects a billion laughs alias bomb without expanding it', () => {
      const started = performance.now();

      const findings = parseFindings(billionLaughs());

      expect(findings.map((f) => f.code)).toEqual(['yaml.alias-limit']);
      expect(performance.now() - started).toBeLessThan(5000);
    });
  });

  describe('size', () => {
    it('rejects a file over 5 MiB as file.too-large without decoding it', () => {
      // Invalid UTF-8 throughout: any decoding would report file.encoding.
      const bytes = new Uint8Array(MAX_FILE_BYTES + 1).fill(0xff);

      expect(parseFindings(bytes)).toEqual([
        {
          code: 'file.too-large',
          severity: 'error',
          file: 'roles/ap-clerk.yaml',
          line: 1,
          column: 1,
          message: 'file is 5242881 bytes; at most 5242880 are allowed',
          hint: 'split it into smaller files (one role per file)',
        },
      ]);
    });

    it('accepts a file of exactly 5 MiB', () => {
      const bytes = new Uint8Array(MAX_FILE_BYTES).fill(0x20);
      bytes.set(utf8('id: a\n'));

      expect(parseOk(bytes).data).toEqual({ id: 'a' });
    });
  });

  describe('encoding', () => {
    it.each([
      {
        name: 'a Latin-1 é on line 3',
        bytes: [...utf8('id: cafe\ntitle: x\nowner: caf'), 0xe9, 0x0a],
        line: 3,
      },
      {
        name: 'a Latin-1 é on a last line without a newline',
        bytes: [...utf8('id: a\ntitle: x\ntag: caf'), 0xe9],
        line: 3,
      },
      {
        name: 'a UTF-16 byte order mark',
        bytes: [0xff, 0xfe, 0x69, 0x00, 0x64, 0x00],
        line: 1,
      },
      {
        name: 'an overlong encoding of "/"',
        bytes: [...utf8('id: a\npath: '), 0xc0, 0xaf, 0x0a],
        line: 2,
      },
      {
        name: 'an encoded UTF-16 surrogate',
        bytes: [...utf8('a: 1\nb: 2\nc: 3\nd: '), 0xed, 0xa0, 0x80, 0x0a],
        line: 4,
      },
      {
        name: 'a multi-byte sequence cut short by a newline',
        bytes: [...utf8('a: '), 0xe2, 0x82, 0x0a, ...utf8('b: 1\n')],
        line: 1,
      },
    ])('rejects $name as file.encoding on line $line', (row) => {
      expect(parseFindings(new Uint8Array(row.bytes))).toEqual([
        {
          code: 'file.encoding',
          severity: 'error',
          file: 'roles/ap-clerk.yaml',
          line: row.line,
          column: 1,
          message: 'file is not valid UTF-8',
          hint: 're-save the file as UTF-8',
        },
      ]);
    });

    it('accepts multi-byte UTF-8 text', () => {
      expect(parseOk('title: Café – 経理\n').data).toEqual({
        title: 'Café – 経理',
      });
    });

    it('accepts a UTF-8 byte order mark without shifting positions', () => {
      const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('id: a\n')]);

      const source = parseOk(withBom);

      expect(source.data).toEqual({ id: 'a' });
      expect(source.locate('/id')).toEqual({ line: 1, column: 5 });
    });

    it('still checks duplicate keys after a byte order mark', () => {
      const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a: 1\na: 2\n')]);

      expect(parseFindings(bytes).map((f) => [f.code, f.line])).toEqual([
        ['yaml.duplicate-key', 2],
      ]);
    });
  });
});

describe('YamlSource.locate', () => {
  const text = [
    'id: ap-clerk', // 1
    'owners:', // 2
    "  - '@acme/finance'", // 3
    "  - '@acme/audit'", // 4
    'membership:', // 5
    '  criteria:', // 6
    '    - department: Finance', // 7
    '      org/unit: AP', // 8
    '      a~b: x', // 9
    'review: {next_review: 2027-03-31}', // 10
    'evidence:', // 11
    'labels: []', // 12
    '',
  ].join('\n');
  const source = parseOk(text);

  it.each([
    ['the root', '', { line: 1, column: 1 }],
    ['a scalar value', '/id', { line: 1, column: 5 }],
    ['a block sequence', '/owners', { line: 3, column: 3 }],
    ['a sequence item', '/owners/1', { line: 4, column: 5 }],
    ['a nested mapping item', '/membership/criteria/0', { line: 7, column: 7 }],
    [
      'a deep value',
      '/membership/criteria/0/department',
      { line: 7, column: 19 },
    ],
    [
      'a key with an escaped slash',
      '/membership/criteria/0/org~1unit',
      { line: 8, column: 17 },
    ],
    [
      'a key with an escaped tilde',
      '/membership/criteria/0/a~0b',
      { line: 9, column: 12 },
    ],
    [
      'a value in a flow mapping',
      '/review/next_review',
      { line: 10, column: 23 },
    ],
    ['an empty flow sequence', '/labels', { line: 12, column: 9 }],
  ])('finds %s', (_name, pointer, position) => {
    expect(source.locate(pointer)).toEqual(position);
  });

  it.each([
    ['a missing key at the root', '/title', { line: 1, column: 1 }],
    [
      'a missing key in a mapping',
      '/membership/identities',
      { line: 6, column: 3 },
    ],
    ['an index past the end', '/owners/7', { line: 3, column: 3 }],
    ['a segment below a scalar', '/id/0', { line: 1, column: 5 }],
    [
      'an unescaped slash in a key',
      '/membership/criteria/0/org/unit',
      { line: 7, column: 7 },
    ],
  ])('falls back to the nearest parent for %s', (_name, pointer, position) => {
    expect(source.locate(pointer)).toEqual(position);
  });

  it('points at the key when a key has no value', () => {
    expect(source.locate('/evidence')).toEqual({ line: 11, column: 10 });
  });

  it('returns undefined for an empty document', () => {
    expect(parseOk('').locate('')).toBeUndefined();
  });

  it('starts at the first node after leading comments', () => {
    expect(parseOk('# roles/a.yaml\n\nid: a\n').locate('')).toEqual({
      line: 3,
      column: 1,
    });
  });
});
