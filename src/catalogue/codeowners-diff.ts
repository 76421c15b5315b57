import { splitLines } from './codeowners-syntax.ts';

export interface DiffOptions {
  /** Names shown in the `---` and `+++` header lines. */
  from: string;
  to: string;
  /** Unchanged lines shown around each change; 3 as in `diff -u`. */
  context?: number;
  /** Output lines after which the listing is cut short. */
  maxLines?: number;
}

type Op = { kind: ' ' | '-' | '+'; text: string };

// Above this many cells the quadratic table costs more than the listing is
// worth; the changed middle is then shown as removed and added whole.
const MAX_TABLE = 4_000_000;

/**
 * A unified diff of two texts, line by line, for `codeowners --check`:
 * enough for a reviewer to see what is out of date, not a patch tool.
 * Empty when the texts have the same lines.
 */
export function unifiedDiff(
  before: string,
  after: string,
  options: DiffOptions,
): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  if (ops.every((op) => op.kind === ' ')) return '';
  const context = options.context ?? 3;
  const out = [`--- ${options.from}`, `+++ ${options.to}`];
  for (const hunk of hunks(ops, context)) out.push(...hunk);
  const max = options.maxLines ?? 400;
  if (out.length > max) {
    const cut = out.length - max;
    out.length = max;
    out.push(`… ${cut} more diff lines`);
  }
  return `${out.join('\n')}\n`;
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (lines: readonly string[]): Op[] =>
    lines.map((text) => ({ kind: ' ', text }));
  return [
    ...same(a.slice(0, start)),
    ...middle(a.slice(start, endA), b.slice(start, endB)),
    ...same(a.slice(endA)),
  ];
}

/** Longest common subsequence over the lines that differ. */
function middle(a: readonly string[], b: readonly string[]): Op[] {
  const removed = (): Op[] => a.map((text) => ({ kind: '-', text }));
  const added = (): Op[] => b.map((text) => ({ kind: '+', text }));
  if (a.length === 0 || b.length === 0 || a.length * b.length > MAX_TABLE) {
    return [...removed(), ...added()];
  }
  const width = b.length + 1;
  // lcs[i * width + j]: common lines of a[i..] and b[j..].
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(
              lcs[(i + 1) * width + j] ?? 0,
              lcs[i * width + j + 1] ?? 0,
            );
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? '';
    if (x === b[j]) {
      ops.push({ kind: ' ', text: x });
      i++;
      j++;
    } else if (
      (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)
    ) {
      ops.push({ kind: '-', text: x });
      i++;
    } else {
      ops.push({ kind: '+', text: b[j] ?? '' });
      j++;
    }
  }
  for (; i < a.length; i++) ops.push({ kind: '-', text: a[i] ?? '' });
  for (; j < b.length; j++) ops.push({ kind: '+', text: b[j] ?? '' });
  return ops;
}

/** Groups changes with their context into `@@` hunks. */
function hunks(ops: readonly Op[], context: number): string[][] {
  const changed = ops.flatMap((op, i) => (op.kind === ' ' ? [] : [i]));
  const groups: { from: number; to: number }[] = [];
  for (const index of changed) {
    const from = Math.max(0, index - context);
    const to = Math.min(ops.length, index + context + 1);
    const last = groups.at(-1);
    if (last !== undefined && from <= last.to) last.to = to;
    else groups.push({ from, to });
  }
  // Line numbers in each text where op `i` starts.
  const startA: number[] = [];
  const startB: number[] = [];
  let lineA = 1;
  let lineB = 1;
  for (const op of ops) {
    startA.push(lineA);
    startB.push(lineB);
    if (op.kind !== '+') lineA++;
    if (op.kind !== '-') lineB++;
  }
  return groups.map(({ from, to }) => {
    const slice = ops.slice(from, to);
    const countA = slice.filter((op) => op.kind !== '+').length;
    const countB = slice.filter((op) => op.kind !== '-').length;
    // As in diff -u, an empty side names the line before it.
    const atA = (startA[from] ?? 1) - (countA === 0 ? 1 : 0);
    const atB = (startB[from] ?? 1) - (countB === 0 ? 1 : 0);
    return [
      `@@ -${atA},${countA} +${atB},${countB} @@`,
      ...slice.map((op) => `${op.kind}${op.text}`),
    ];
  });
}
