// Wording shared by reconciliation reasons. Reasons list at most a few
// ids inline: the entry itself carries the full lists.

/** How many ids a reason names before it says how many more there are. */
export const LIST_CAP = 5;

export function counted(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** `a`, `a and b`, `a, b and c`, `a, b, c, d, e and 3 more`. */
export function listed(items: readonly string[], cap = LIST_CAP): string {
  const shown = items.slice(0, cap);
  const more = items.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`;
}

/** A similarity or share as two decimals, the precision reviewers read. */
export function decimal(value: number): string {
  return value.toFixed(2);
}
