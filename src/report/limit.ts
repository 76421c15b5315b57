/** The first `limit` items, and how many were left out. */
export interface Limited<T> {
  shown: T[];
  omitted: number;
}

export function limitItems<T>(items: readonly T[], limit: number): Limited<T> {
  return {
    shown: items.slice(0, limit),
    omitted: Math.max(0, items.length - limit),
  };
}
