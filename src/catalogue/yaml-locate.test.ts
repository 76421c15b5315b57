import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Role } from '../model/index.ts';
import { roleToYaml } from './role-writer.ts';
import { locateInOutline, outlineYaml } from './yaml-locate.ts';
import { carefulLocator, parseYamlFile } from './yaml-source.ts';

const root = join(import.meta.dirname, '../..');

async function repositoryYaml(): Promise<[string, string][]> {
  const files: [string, string][] = [];
  for (const dir of ['roles', 'policies', 'exceptions', 'test/golden']) {
    const entries = await readdir(join(root, dir), {
      withFileTypes: true,
      recursive: true,
    });
    for (const entry of entries) {
      if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
      const path = join(entry.parentPath, entry.name);
      files.push([path, await readFile(path, 'utf8')]);
    }
  }
  return files;
}

/** Every pointer into the data, and a few next to it that do not exist. */
function pointers(data: unknown, at = ''): string[] {
  const all = [at, `${at}/missing`];
  if (Array.isArray(data)) {
    all.push(`${at}/${data.length}`, `${at}/-1`, `${at}/1.5`, `${at}/`);
    data.forEach((item, i) => all.push(...pointers(item, `${at}/${i}`)));
  } else if (typeof data === 'object' && data !== null) {
    for (const [key, value] of Object.entries(data)) {
      const segment = key.replaceAll('~', '~0').replaceAll('/', '~1');
      all.push(...pointers(value, `${at}/${segment}`));
    }
  }
  return all;
}

interface Comparison {
  pointers: number;
  answered: number;
  mismatches: string[];
}

/**
 * Where the outline answers, the answer must be the full parse's. Only
 * files the fast path takes are compared: only those reach the outline.
 */
function compare(name: string, text: string): Comparison {
  const parsed = parseYamlFile(name, new TextEncoder().encode(text));
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  const careful = carefulLocator(text);
  const outline = outlineYaml(text);
  const all = pointers(parsed.source.data);
  const result: Comparison = {
    pointers: all.length,
    answered: 0,
    mismatches: [],
  };
  for (const pointer of all) {
    const quick = outline && locateInOutline(outline, pointer);
    if (quick === undefined) continue;
    result.answered++;
    const expected = careful(pointer);
    if (JSON.stringify(quick) !== JSON.stringify(expected)) {
      result.mismatches.push(
        `${name} ${pointer}: ${JSON.stringify(quick)}, not ${JSON.stringify(expected)}`,
      );
    }
  }
  return result;
}

/** A deterministic stand-in for Math.random (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AWKWARD_STRINGS = [
  '@acme/iam',
  "it's quoted",
  'has: a colon',
  'has # a hash',
  '- looks like an item',
  '2026-11-30',
  '0x1F',
  'true',
  'null',
  '',
  '  leading spaces',
  'trailing spaces  ',
  'two\nlines\n',
  'tab\there',
  'Zürich — Comptabilité 🧾',
  '[not, a, list]',
  '{not: a map}',
  '*not-an-alias',
  '&not-an-anchor',
  '!not-a-tag',
  '| not a block',
  'a long sentence with spaces that will be folded by the writer because ' +
    "it runs well past eighty columns, and then some: more words 'quoted' too",
];

function generatedRole(seed: number, members: number): Role {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)] as T;
  const ids = Array.from({ length: members }, (_, i) => `u${String(1000 + i)}`);
  const entitlements = Array.from(
    { length: 1 + Math.floor(random() * 30) },
    (_, i) => `${pick(['sap', 'aws', 'k8s'])}:arn:role/E${String(i)}`,
  );
  return {
    id: `generated-${String(seed)}`,
    title: seed % 2 === 0 ? pick(AWKWARD_STRINGS) : `Generated ${String(seed)}`,
    description:
      seed % 3 === 0 ? '' : `${pick(AWKWARD_STRINGS)} ${'and more '.repeat(9)}`,
    owners: ['@acme/iam', pick(AWKWARD_STRINGS)],
    audience: 'human',
    entitlements: seed % 5 === 0 ? [] : entitlements,
    membership: {
      identities: ids,
      criteria: [
        [{ attribute: 'department', values: ['Finance'] }],
        [
          { attribute: 'location', values: ['Berlin', pick(AWKWARD_STRINGS)] },
          { attribute: 'title', values: [pick(AWKWARD_STRINGS)] },
        ],
      ],
    },
    review: { lastReviewed: '2026-01-31', nextReview: '2026-07-31' },
    labels: seed % 4 === 0 ? [] : ['mined', pick(AWKWARD_STRINGS)],
    evidence: {
      format: 1,
      mined_by: {
        tool: 'rolesmith',
        parameters: {
          minSupport: 0.6,
          levels: [['department'], ['department', 'title'], []],
          empty: {},
          pattern: 'incident|on-?call|\\bci\\b',
        },
      },
      statistics: {
        entitlements: entitlements.map((id) => ({
          id,
          risk: pick(['low', 'high', null]),
          holders: Math.floor(random() * 2000),
          share: random(),
          used: random() < 0.5,
          note: pick(AWKWARD_STRINGS),
        })),
      },
      overlaps: [],
      odd_keys: Object.fromEntries(
        AWKWARD_STRINGS.slice(0, 1 + (seed % AWKWARD_STRINGS.length)).map(
          (key, i) => [key, i % 2 === 0 ? pick(AWKWARD_STRINGS) : [i, i]],
        ),
      ),
      note: AWKWARD_STRINGS.join(' '),
    },
  };
}

const TRICKY: [string, string][] = [
  [
    'comments everywhere',
    '# head\n\nid: a # trailing\n# between\nowners:\n  # inside\n\n  - "@x" # after\n# end\n',
  ],
  ['document start', '---\nid: a\nlist:\n- x\n- y\nafter: 1\n'],
  ['document start with comment', '--- # c\nid: a\n'],
  ['indented root', '  id: a\n  list:\n    - x\n'],
  [
    'block scalars',
    'a: |\n  one\n\n  # not a comment\n    deeper\nb: >-  # c\n  folded\n  ' +
      'text\n\nc: |+\n  keep\n\n\nd:\n  - |\n    in a list\n  - >\n    ' +
      'folded\n  - k: |\n      in a map\n    j: 2\n',
  ],
  [
    'block scalars with indentation indicators',
    'a: |2\n   x\nb: >1-\n  y\nc:\n  - |2\n     z\n  - k: |-1\n       ' +
      'w\n    l: 1\nd: |2\n\n    v\n   u\ne: 1\n',
  ],
  [
    'quoted keys',
    `'it''s': 1\n"dq\\"key": 2\n"esc\\n\\t\\u00e9\\x41": 3\n'': 4\n'1': 5\n'a: b': 6\n'#c': 7\n`,
  ],
  ['spaced quoted key', "'a' : 1\nb: 2\n"],
  [
    'plain keys',
    '2026-01-01: 0\na b: 1\nx:y: 2\nq": 3\nit\'s: 4\nk  : 5\nnull: 6\ntrue: 7\n12: 8\n',
  ],
  ['odd plain keys', '1.0: a\n~: b\nTrue: c\n0x1F: d\n-k: e\n.hidden: f\n'],
  [
    'flow lists',
    'a: [x, y]\nb: []\nc: {}\nd: {k: [1, 2]}\ne: [ ]\nf:\n  - [1, 2]\n',
  ],
  [
    'flow with quotes',
    `a: ['x, y', z]\nb: {"k]": 'v'''}\nc: [a: 'b', "c\\"]"] # c\nd: 1\n`,
  ],
  ['flow with a quote inside a word', "a: [it's, x]\nb: 1\n"],
  [
    'flow lists of scalars',
    `a: [x, 'y z',   "w\\"v" , u v ,]\nb: [ 1,2 ] # c\nc: ` +
      `['@acme/grc']\nd:\n  - [p, q]\ne: [-1, a-b, [x], {k: v}, 'k': v]\nf: ` +
      `[x: y]\ng: [sap:F110, a:b:c , x:]\nh: [k8s:x, y]\n`,
  ],
  ['flow with a comment inside', 'a: [x, # c\n  y]\nb: 1\n'],
  ['flow over lines', 'a: [x,\n  y]\nb: 1\n'],
  ['missing values', 'a:\nb: 1\nc:   # c\nlist:\n  -\n  - x\n  - # c\n    y\n'],
  [
    'multi-line plain',
    'a: one\n  two\n\n  three\nb: 1\nlist:\n  - one\n    two\n  - three\n',
  ],
  [
    'multi-line quoted',
    "a: 'one\n  two'\nb: \"one \\\n  two\"\nc: 1\nd: 'x' # c\n",
  ],
  ['same-indent lists', 'a:\n- x\n- y:\n  - z\n  w: 1\nb: 2\n'],
  [
    'compact nesting',
    '- - a\n  - b\n- -   c\n  - k: v\n    l: w\n-   x: 1\n    y: [2]\n- ~\n',
  ],
  ['tags', 'a: !!str 1\nb: 2\n'],
  ['complex key', '? a\n: 1\nb: 2\n'],
  ['tabs', 'a:\tb\n'],
  ['tab in a word', 'a: tab\there\nb: 1\n'],
  ['crlf', 'a: 1\r\nb: 2\r\n'],
  ['root list', '- a\n- b: 1\n'],
  ['root scalar', 'just text\n'],
  ['empty', ''],
  ['only a comment', '# nothing\n'],
  ['directive', '%YAML 1.2\n---\na: 1\n'],
  ['document end', 'a: 1\n...\n'],
  ['unicode', 'title: Zürich — 🧾 x\nnext: "🧾 y"\nlast: 1\n'],
  ['unicode keys', 'Zürich: 1\n🧾: 2\nnext: 3\n'],
  ['dates and numbers', 'a: 2026-01-01\nb: 1e3\nc: -1\nd: -x\ne: ?x\nf: :x\n'],
  ['url-like', 'a: http://x.y/z\nb: aws:arn:aws:iam::1:role/x\n'],
];

describe('the line outline of a YAML file', () => {
  it('agrees with the full parse on every file of the repository', async () => {
    const files = await repositoryYaml();
    expect(files.length).toBeGreaterThan(10);

    let answered = 0;
    const mismatches: string[] = [];
    for (const [name, text] of files) {
      const result = compare(name, text);
      answered += result.answered;
      mismatches.push(...result.mismatches);
    }

    expect(mismatches).toEqual([]);
    expect(answered).toBeGreaterThan(1000);
  });

  it('agrees with the full parse on role-writer output and always answers', () => {
    const mismatches: string[] = [];
    let all = 0;
    let answered = 0;
    for (let seed = 0; seed < 40; seed++) {
      const text = roleToYaml(generatedRole(seed, seed * 17));
      const result = compare(`generated-${String(seed)}`, text);
      mismatches.push(...result.mismatches);
      all += result.pointers;
      answered += result.answered;
    }

    expect(mismatches).toEqual([]);
    expect(answered).toBe(all);
  });

  it.each(TRICKY)(
    'agrees with the full parse on %s, or defers',
    (name, text) => {
      expect(compare(name, text).mismatches).toEqual([]);
    },
  );

  it('answers for the layouts it reads and defers on the others', () => {
    const answers = (name: string): boolean => {
      const text = TRICKY.find(([n]) => n === name)?.[1] ?? '';
      return outlineYaml(text) !== undefined;
    };

    const read = [
      'comments everywhere',
      'document start',
      'block scalars',
      'block scalars with indentation indicators',
      'quoted keys',
      'plain keys',
      'flow lists',
      'flow with quotes',
      'flow lists of scalars',
      'multi-line plain',
      'multi-line quoted',
      'same-indent lists',
      'compact nesting',
    ];
    const deferred = [
      'odd plain keys',
      'flow with a quote inside a word',
      'flow with a comment inside',
      'flow over lines',
      'tags',
      'complex key',
      'tabs',
      'crlf',
      'root scalar',
      'empty',
      'directive',
      'document end',
    ];
    expect(read.filter((name) => !answers(name))).toEqual([]);
    expect(deferred.filter(answers)).toEqual([]);
  });

  // js-yaml rejects these, so they never reach the outline; if they did,
  // a line left over is a sign of a misreading, never a guess.
  it.each([
    'a: foo # c\n  bar\nb: 1\n',
    "a: 'x'\n  b: 1\n",
    'a: [x]\n  y\n',
    '- a # c\n  b\n',
    'a: x\n- y\n',
  ])('defers on the broken file %j', (text) => {
    expect(outlineYaml(text)).toBeUndefined();
  });

  it('defers on values it does not read rather than guess', () => {
    const text = 'a:\nb: [x, [y]]\nc: 1\n';
    const outline = outlineYaml(text);

    expect(outline).toBeDefined();
    if (outline === undefined) return;
    expect(locateInOutline(outline, '/a')).toBeUndefined();
    expect(locateInOutline(outline, '/b/0')).toBeUndefined();
    expect(locateInOutline(outline, '/b')).toEqual({ line: 2, column: 4 });
    expect(locateInOutline(outline, '/c/x')).toEqual({ line: 3, column: 4 });
  });

  it('answers the fast path of parseYamlFile from the outline', () => {
    const text = roleToYaml(generatedRole(3, 600));
    const parsed = parseYamlFile('r.yaml', new TextEncoder().encode(text));
    const careful = carefulLocator(text);

    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    for (const pointer of ['/membership/identities/599', '/evidence/x', '']) {
      expect(parsed.source.locate(pointer)).toEqual(careful(pointer));
    }
  });
});
