import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './codeowners-diff.ts';

const names = { from: 'a/CODEOWNERS', to: 'b/CODEOWNERS' };
const numbered = (n: number) =>
  Array.from({ length: n }, (_, i) => `line ${i + 1}`);

describe('unifiedDiff', () => {
  it('is empty for the same lines, whatever the line endings', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', names)).toBe('');
    expect(unifiedDiff('a\r\nb\r\n', 'a\nb', names)).toBe('');
  });

  it('shows a changed line with three lines of context', () => {
    const before = numbered(10);
    const after = [...before];
    after[4] = 'line five';

    const diff = unifiedDiff(before.join('\n'), after.join('\n'), names);

    expect(diff).toBe(
      [
        '--- a/CODEOWNERS',
        '+++ b/CODEOWNERS',
        '@@ -2,7 +2,7 @@',
        ' line 2',
        ' line 3',
        ' line 4',
        '-line 5',
        '+line five',
        ' line 6',
        ' line 7',
        ' line 8',
        '',
      ].join('\n'),
    );
  });

  it('keeps distant changes in separate hunks and counts lines right', () => {
    const before = numbered(30);
    const after = [...before];
    after.splice(2, 1); // line 3 removed
    after.splice(25, 0, 'new line'); // before line 27 of the old text

    const diff = unifiedDiff(before.join('\n'), after.join('\n'), names);

    const headers = diff.split('\n').filter((l) => l.startsWith('@@'));
    expect(headers).toEqual(['@@ -1,6 +1,5 @@', '@@ -24,6 +23,7 @@']);
    expect(diff).toContain('\n-line 3\n');
    expect(diff).toContain('\n line 26\n+new line\n line 27\n');
  });

  it('lists a whole new file as added', () => {
    const diff = unifiedDiff('', 'a\nb\n', { from: '/dev/null', to: 'new' });

    expect(diff).toBe('--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });

  it('cuts a long listing short', () => {
    const diff = unifiedDiff('', numbered(1000).join('\n'), {
      ...names,
      maxLines: 10,
    });

    const lines = diff.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toBe('… 993 more diff lines');
  });
});
