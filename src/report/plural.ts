/** `1 error`, `2 errors`; every noun this folder counts takes an `s`. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
