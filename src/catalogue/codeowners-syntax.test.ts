import { describe, expect, it } from 'vitest';
import {
  anchoredForm,
  escapePath,
  ownerProblem,
  parseCodeowners,
  patternMatches,
  ruleFor,
} from './codeowners-syntax.ts';

describe('ownerProblem', () => {
  it.each([
    '@alice',
    '@acme/finance-owners',
    '@a1/team_x.y',
    'ap@acme.example',
  ])('accepts %s', (owner) => {
    expect(ownerProblem(owner)).toBeUndefined();
  });

  it.each([
    ['alice', '"@alice"'],
    ['acme/finance', '"@acme/finance"'],
  ])('asks for the @ that %s lacks', (owner, hint) => {
    const problem = ownerProblem(owner);

    expect(problem?.message).toMatch(/needs a leading @/);
    expect(problem?.hint).toContain(hint);
  });

  it.each([
    '@',
    '@-alice',
    '@acme/',
    '@acme/team/sub',
    '@alice bob',
    'a@b',
    `@${'a'.repeat(40)}`,
    '',
  ])('refuses %j', (owner) => {
    expect(ownerProblem(owner)?.message).toMatch(/is not a GitHub/);
  });
});

describe('escapePath', () => {
  it('anchors the path and escapes what would split or widen it', () => {
    expect(escapePath('roles/a b/x.yaml')).toBe('/roles/a\\ b/x.yaml');
    expect(escapePath('roles/*/[x]#1?\\.yaml')).toBe(
      '/roles/\\*/\\[x\\]\\#1\\?\\\\.yaml',
    );
    expect(escapePath('roles/')).toBe('/roles/');
  });

  it('refuses control characters and line breaks', () => {
    expect(escapePath('roles/a\nb.yaml')).toBeUndefined();
    expect(escapePath('roles/a\tb.yaml')).toBeUndefined();
    expect(escapePath('roles/a\u2028b.yaml')).toBeUndefined();
  });

  it.each([
    'roles/service accounts/ci bot.yaml',
    'roles/a*b/x.yaml',
    'roles/a?b/x.yaml',
    'roles/[ab]/x.yaml',
    'roles/#team/x.yaml',
    'roles/back\\slash/x.yaml',
    'roles/ünïcödé/x.yaml',
  ])('gives a pattern that matches %j and nothing wider', (path) => {
    const pattern = escapePath(path) ?? '';

    expect(patternMatches(pattern, path)).toBe(true);
    expect(patternMatches(pattern, path.replace(/[ *?[\]#\\]/g, 'x'))).toBe(
      path === path.replace(/[ *?[\]#\\]/g, 'x'),
    );
    // One token on the line, so the owners after it stay owners.
    const [line] = parseCodeowners(`${pattern} @acme/x`);
    expect(line?.rule).toEqual({ pattern, owners: ['@acme/x'] });
  });
});

describe('patternMatches', () => {
  it.each([
    // [pattern, path, matches]
    ['/roles/', 'roles/finance/ap.yaml', true],
    ['/roles/', 'roles', false],
    ['/roles/', 'x/roles/a.yaml', false],
    ['/src', 'src', true],
    ['/src', 'src/a/b.ts', true],
    ['/src', 'srcx/a.ts', false],
    ['apps/', 'deep/apps/a.ts', true],
    ['apps/', 'apps/a.ts', true],
    ['/docs/*', 'docs/a.md', true],
    ['/docs/*', 'docs/sub/b.md', false],
    ['*.js', 'a/b/c.js', true],
    ['*.js', 'c.jsx', false],
    ['*', 'anything/at/all', true],
    ['**/logs', 'build/logs/x.log', true],
    ['**/logs', 'logs/x.log', true],
    ['/a/**/b', 'a/b', true],
    ['/a/**/b', 'a/x/y/b/c', true],
    ['/a/**', 'a/x/y', true],
    ['/a/**', 'b/a/x', false],
    ['/file?.txt', 'file1.txt', true],
    ['/file?.txt', 'file/.txt', false],
    ['roles/a.yaml', 'roles/a.yaml', true],
    ['roles/a.yaml', 'x/roles/a.yaml', false],
    ['/a.b', 'aXb', false],
  ])('%s against %s: %s', (pattern, path, matches) => {
    expect(patternMatches(pattern, path)).toBe(matches);
  });
});

describe('parseCodeowners', () => {
  it('reads rules, comments, blanks, inline comments and escapes', () => {
    const lines = parseCodeowners(
      [
        '# heading',
        '',
        '/src/   @acme/platform  @acme/security # the checker',
        '/a\\ b/ @x',
        '/apps/github',
        '\t*.md\t@docs',
      ].join('\r\n'),
    );

    expect(lines.map((l) => l.rule)).toEqual([
      undefined,
      undefined,
      { pattern: '/src/', owners: ['@acme/platform', '@acme/security'] },
      { pattern: '/a\\ b/', owners: ['@x'] },
      { pattern: '/apps/github', owners: [] },
      { pattern: '*.md', owners: ['@docs'] },
    ]);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('applies the last matching rule, and a rule without owners', () => {
    const lines = parseCodeowners(
      ['*        @all', '/apps/   @apps', '/apps/github'].join('\n'),
    );

    expect(ruleFor(lines, 'README.md')?.owners).toEqual(['@all']);
    expect(ruleFor(lines, 'apps/web/a.ts')?.owners).toEqual(['@apps']);
    expect(ruleFor(lines, 'apps/github/a.ts')?.owners).toEqual([]);
    expect(ruleFor(parseCodeowners('/x/ @a'), 'y')).toBeUndefined();
  });
});

describe('anchoredForm', () => {
  it('gives one form to patterns that name the same anchored path', () => {
    expect(anchoredForm('/roles/')).toBe('/roles');
    expect(anchoredForm('/roles')).toBe('/roles');
    expect(anchoredForm('roles/a.yaml')).toBe('/roles/a.yaml');
    expect(anchoredForm('roles/')).toBeUndefined();
    expect(anchoredForm('*.yaml')).toBeUndefined();
  });
});
