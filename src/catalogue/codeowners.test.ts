import { describe, expect, it } from 'vitest';
import type { CodeownersInput, CodeownersOptions } from './codeowners.ts';
import { BEGIN_MARKER, END_MARKER, renderCodeowners } from './codeowners.ts';
import { parseCodeowners, ruleFor } from './codeowners-syntax.ts';

const input: CodeownersInput = {
  // Deliberately out of order: the output is sorted by path.
  roles: [
    { file: 'roles/it/it-helpdesk.yaml', owners: ['@acme/iam'] },
    {
      file: 'roles/finance/payment-approver.yaml',
      owners: ['@acme/finance', '@acme/treasury'],
    },
    { file: 'roles/finance/ap-clerk.yaml', owners: ['@acme/finance'] },
  ],
  policies: [
    { file: 'policies/sod/p2p.yaml', owners: ['@acme/grc'] },
    { file: 'policies/least-privilege.yaml', owners: ['@acme/grc'] },
  ],
};

function render(options: CodeownersOptions = {}, given = input) {
  return renderCodeowners(given, options);
}

function ownersOf(text: string, path: string): string[] | undefined {
  return ruleFor(parseCodeowners(text), path)?.owners;
}

function block(text: string): string[] {
  const lines = text.split('\n');
  return lines.slice(
    lines.indexOf(BEGIN_MARKER),
    lines.indexOf(END_MARKER) + 1,
  );
}

function rules(text: string): string[] {
  return parseCodeowners(text).flatMap((l) =>
    l.rule === undefined ? [] : [l.rule.pattern],
  );
}

describe('renderCodeowners', () => {
  it('writes folder fallbacks before the files in them, files sorted', () => {
    const { text, findings } = render();

    expect(findings).toEqual([]);
    expect(rules(text)).toEqual([
      '/roles/',
      '/roles/finance/ap-clerk.yaml',
      '/roles/finance/payment-approver.yaml',
      '/roles/it/it-helpdesk.yaml',
      '/policies/',
      '/exceptions/',
    ]);
  });

  it('means what the role and policy files say, last match winning', () => {
    const { text } = render();

    expect(ownersOf(text, 'roles/finance/payment-approver.yaml')).toEqual([
      '@acme/finance',
      '@acme/treasury',
    ]);
    expect(ownersOf(text, 'roles/finance/new-role.yaml')).toEqual([
      '@acme/grc',
    ]);
    expect(ownersOf(text, 'policies/sod/p2p.yaml')).toEqual(['@acme/grc']);
    expect(ownersOf(text, 'policies/tests/p2p.yaml')).toEqual(['@acme/grc']);
    expect(ownersOf(text, 'exceptions/finance.yaml')).toEqual(['@acme/grc']);
    expect(ownersOf(text, 'src/cli/main.ts')).toBeUndefined();
  });

  it('aligns the owners in one column', () => {
    const { text } = render();

    const columns = block(text)
      .filter((line) => line.startsWith('/'))
      .map((line) => line.indexOf(' @'));
    expect(new Set(columns).size).toBe(1);
    expect(text).toContain(
      '/roles/finance/payment-approver.yaml  @acme/finance @acme/treasury\n',
    );
  });

  it('gives a policy file that names other owners a line of its own', () => {
    const { text } = render(
      {},
      {
        roles: [],
        policies: [
          { file: 'policies/sod/payroll.yaml', owners: ['@acme/payroll-grc'] },
          { file: 'policies/sod/p2p.yaml', owners: ['@acme/grc'] },
          { file: 'policies/least-privilege.yaml', owners: ['@acme/grc'] },
        ],
      },
    );

    // A new policy file cannot name its own approvers: any policy owner.
    expect(ownersOf(text, 'policies/sod/new.yaml')).toEqual([
      '@acme/grc',
      '@acme/payroll-grc',
    ]);
    expect(ownersOf(text, 'policies/sod/payroll.yaml')).toEqual([
      '@acme/payroll-grc',
    ]);
    expect(ownersOf(text, 'policies/sod/p2p.yaml')).toEqual(['@acme/grc']);
    expect(rules(text)).toEqual([
      '/roles/',
      '/policies/',
      '/policies/least-privilege.yaml',
      '/policies/sod/p2p.yaml',
      '/policies/sod/payroll.yaml',
      '/exceptions/',
    ]);
  });

  it('takes fallback and exceptions owners from options', () => {
    const { text } = render({
      fallbackOwners: ['@acme/iam'],
      exceptionsOwners: ['@acme/audit', 'audit@acme.example'],
    });

    expect(ownersOf(text, 'roles/new.yaml')).toEqual(['@acme/iam']);
    // The policy owners still own the policies.
    expect(ownersOf(text, 'policies/x.yaml')).toEqual(['@acme/grc']);
    expect(ownersOf(text, 'exceptions/x.yaml')).toEqual([
      '@acme/audit',
      'audit@acme.example',
    ]);
  });

  it('falls back for policies/ only when no policy file names owners', () => {
    const given = { roles: input.roles, policies: [] };

    const without = render({}, given);
    expect(without.findings.map((f) => f.code)).toEqual([
      'codeowners.no-owners',
      'codeowners.no-owners',
      'codeowners.no-owners',
    ]);
    expect(without.findings[0]?.severity).toBe('error');

    const { text, findings } = render({ fallbackOwners: ['@acme/grc'] }, given);
    expect(findings).toEqual([]);
    expect(ownersOf(text, 'policies/x.yaml')).toEqual(['@acme/grc']);
    expect(ownersOf(text, 'exceptions/x.yaml')).toEqual(['@acme/grc']);
  });

  it('puts a catalogue in a sub-folder under its prefix', () => {
    const { text } = render({ prefix: 'iam/catalogue/' });

    expect(rules(text)[0]).toBe('/iam/catalogue/roles/');
    expect(ownersOf(text, 'iam/catalogue/roles/it/it-helpdesk.yaml')).toEqual([
      '@acme/iam',
    ]);
    expect(ownersOf(text, 'roles/it/it-helpdesk.yaml')).toBeUndefined();
  });

  it('escapes spaces and pattern characters in paths', () => {
    const { text } = render(
      { prefix: 'my catalogue' },
      {
        roles: [
          { file: 'roles/service accounts/ci-bot.yaml', owners: ['@acme/ci'] },
          { file: 'roles/[legacy]*/old.yaml', owners: ['@acme/old'] },
        ],
        policies: input.policies,
      },
    );

    expect(text).toContain(
      '/my\\ catalogue/roles/service\\ accounts/ci-bot.yaml',
    );
    expect(
      ownersOf(text, 'my catalogue/roles/service accounts/ci-bot.yaml'),
    ).toEqual(['@acme/ci']);
    expect(ownersOf(text, 'my catalogue/roles/[legacy]*/old.yaml')).toEqual([
      '@acme/old',
    ]);
    // The literal `*` must not make the line own its neighbours.
    expect(ownersOf(text, 'my catalogue/roles/[legacy]x/old.yaml')).toEqual([
      '@acme/grc',
    ]);
  });

  it('reports a path no line can carry instead of writing it', () => {
    const { text, findings } = render(
      {},
      {
        roles: [{ file: 'roles/a\nb.yaml', owners: ['@acme/x'] }],
        policies: input.policies,
      },
    );

    expect(findings).toMatchObject([
      { code: 'codeowners.unwritable-path', severity: 'error' },
    ]);
    expect(text).not.toContain('@acme/x');
  });

  it('reports bad owners as findings and never writes them', () => {
    const { text, findings } = render(
      {},
      {
        roles: [
          { file: 'roles/a.yaml', owners: ['@acme/ok', 'alice'] },
          { file: 'roles/b.yaml', owners: ['not an owner'] },
        ],
        policies: [
          { file: 'policies/p.yaml', owners: ['acme/grc', '@acme/grc'] },
        ],
      },
    );

    expect(findings).toMatchObject([
      {
        code: 'codeowners.bad-owner',
        severity: 'error',
        file: 'policies/p.yaml',
        path: '/owners/0',
        hint: 'write "@acme/grc"',
      },
      { file: 'roles/a.yaml', path: '/owners/1', hint: 'write "@alice"' },
      { file: 'roles/b.yaml', path: '/owners/0' },
    ]);
    expect(text).not.toMatch(/ alice| acme\/grc|not an owner/);
    expect(ownersOf(text, 'roles/a.yaml')).toEqual(['@acme/ok']);
    // No valid owner left: no line, so the fallback still applies.
    expect(ownersOf(text, 'roles/b.yaml')).toEqual(['@acme/grc']);
  });

  it('refuses a file GitHub would not load (3 MB or more)', () => {
    const long = 'a'.repeat(180);
    const roles = Array.from({ length: 18_000 }, (_, i) => ({
      file: `roles/${long}-${i}.yaml`,
      owners: ['@acme/x'],
    }));

    const { findings } = render({}, { roles, policies: input.policies });

    expect(findings).toMatchObject([
      { code: 'codeowners.too-large', severity: 'error' },
    ]);
  });

  it('starts a new file with a short header and the block', () => {
    const { text } = render();

    expect(text.startsWith('# Who must approve changes.')).toBe(true);
    expect(text.endsWith(`${END_MARKER}\n`)).toBe(true);
  });
});

describe('renderCodeowners with an existing file', () => {
  const handWritten = [
    '# Acme code owners.',
    '',
    '# The checker.',
    '/src/               @acme/platform',
    '',
    '# New roles fall back to GRC.',
    '/roles/             @acme/grc',
    '',
    '# Roles.',
    '/roles/finance/ap-clerk.yaml  @acme/someone-else',
    '/roles/finance/deleted-role.yaml  @acme/finance',
    '',
    '# Rules and exceptions.',
    '/policies/    @acme/grc',
    '/exceptions/  @acme/grc',
    '',
    '',
    '# Workflows.',
    '/.github/     @acme/platform',
    '',
  ].join('\n');

  it('moves the rules it replaces into the block, keeping the rest', () => {
    const { text, findings } = render({ existing: handWritten });

    expect(findings).toEqual([]);
    const lines = text.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '# Acme code owners.',
      '',
      '# The checker.',
      '/src/               @acme/platform',
      '',
    ]);
    expect(lines[5]).toBe(BEGIN_MARKER);
    // The blank lines after a moved paragraph go with it.
    expect(lines.slice(lines.indexOf(END_MARKER) + 1)).toEqual([
      '',
      '# Workflows.',
      '/.github/     @acme/platform',
      '',
    ]);
    expect(text).not.toMatch(/someone-else|deleted-role|# Roles\.|# New roles/);
    expect(ownersOf(text, 'roles/finance/ap-clerk.yaml')).toEqual([
      '@acme/finance',
    ]);
  });

  it('keeps a rule that shares a paragraph with moved ones, in order', () => {
    const { text } = render({
      existing: '# Mixed.\n/roles/ @acme/grc\n/docs/ @acme/writers\n',
    });

    // The block takes the place of the first rule it replaces, so a rule
    // that came after it still comes after it.
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['# Mixed.', '', BEGIN_MARKER]);
    expect(lines.slice(lines.indexOf(END_MARKER) + 1)).toEqual([
      '',
      '/docs/ @acme/writers',
      '',
    ]);
  });

  it('appends the block when nothing in the file is replaced', () => {
    const { text } = render({ existing: '*  @acme/everyone' });

    expect(text.split('\n').slice(0, 3)).toEqual([
      '*  @acme/everyone',
      '',
      BEGIN_MARKER,
    ]);
    // After the catch-all, so that the role lines win.
    expect(ownersOf(text, 'roles/it/it-helpdesk.yaml')).toEqual(['@acme/iam']);
    expect(ownersOf(text, 'README.md')).toEqual(['@acme/everyone']);
  });

  it('replaces only the block and keeps every other byte', () => {
    const first = render({ existing: handWritten }).text;
    const edited = first
      .replace('# The checker.', '# The checker, edited by hand.  ')
      .replace(
        '/roles/finance/ap-clerk.yaml ',
        '/roles/finance/ap-clerk.yaml @acme/sneaky ',
      );

    const { text } = render({ existing: edited });

    expect(text).toContain('# The checker, edited by hand.  \n');
    expect(text).not.toContain('@acme/sneaky');
    expect(text).toBe(
      first.replace('# The checker.', '# The checker, edited by hand.  '),
    );
  });

  it.each([
    ['a fresh file', undefined],
    ['a hand-written file', handWritten],
    ['a file with CRLF line endings', handWritten.replaceAll('\n', '\r\n')],
    ['a file without a final newline', '/src/ @acme/platform'],
  ])('gives the same bytes the second time for %s', (_name, existing) => {
    const first = render(existing === undefined ? {} : { existing }).text;
    const second = render({ existing: first }).text;

    expect(second).toBe(first);
  });

  it('keeps CRLF line endings', () => {
    const { text } = render({ existing: handWritten.replaceAll('\n', '\r\n') });

    expect(text.split('\r\n').length).toBeGreaterThan(10);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it.each([
    [
      'two BEGIN markers',
      [BEGIN_MARKER, END_MARKER, BEGIN_MARKER, END_MARKER],
      3,
    ],
    ['an END without a BEGIN', ['/src/ @x', END_MARKER], 2],
    ['a BEGIN without an END', [BEGIN_MARKER, '/roles/ @x'], 1],
    ['END before BEGIN', [END_MARKER, BEGIN_MARKER], 2],
  ])('reports %s on its line', (_name, lines, line) => {
    const existing = `${lines.join('\n')}\n`;

    const { text, findings } = render({
      existing,
      file: '.github/CODEOWNERS',
    });

    expect(findings).toMatchObject([
      {
        code: 'codeowners.markers',
        severity: 'error',
        file: '.github/CODEOWNERS',
        line,
      },
    ]);
    expect(text).toBe(existing);
  });

  it('warns about hand-written rules that defeat the block', () => {
    const existing = [
      '/roles/finance/  @acme/finance-lead',
      BEGIN_MARKER,
      END_MARKER,
      '*.yaml  @acme/yaml-people',
      '/docs/  @acme/writers',
      '',
    ].join('\n');

    const { findings } = render(
      {
        existing,
        file: 'CODEOWNERS',
      },
      { ...input, files: ['exceptions/finance.yaml'] },
    );

    expect(findings).toMatchObject([
      { code: 'codeowners.overridden', severity: 'warning', line: 1 },
      {
        code: 'codeowners.shadowed',
        severity: 'warning',
        message: expect.stringContaining('and 5 more') as unknown,
      },
    ]);
    const shadowed = findings[1];
    const text = render({ existing }, input).text;
    expect(shadowed?.line).toBe(
      text.split('\n').indexOf('*.yaml  @acme/yaml-people') + 1,
    );
  });
});
