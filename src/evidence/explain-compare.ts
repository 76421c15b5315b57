/**
 * One recorded figure of an evidence block that recomputing does not
 * give back. `null` stands for a value that is absent on that side.
 */
export interface Difference {
  /** JSON Pointer into the recorded evidence block; `-` past its array. */
  path: string;
  recorded: unknown;
  now: unknown;
  /** Why it differs, when explain can tell (a role edit, a changed file). */
  note?: string;
}

/**
 * Arrays whose items are matched by a key rather than by position, so
 * that one entitlement added to a role is one difference, not a shift of
 * every entitlement after it.
 */
const KEYED = new Map([
  ['/statistics/entitlements', 'id'],
  ['/statistics/members/purity', 'attribute'],
]);

/** Appends every difference between a recorded value and its recomputation. */
export function compareValues(
  path: string,
  recorded: unknown,
  now: unknown,
  out: Difference[],
): void {
  if (Array.isArray(recorded) && Array.isArray(now)) {
    compareArrays(path, recorded, now, out);
  } else if (isRecord(recorded) && isRecord(now)) {
    for (const key of Object.keys(recorded)) {
      compareValues(
        `${path}/${escapePointer(key)}`,
        recorded[key],
        Object.hasOwn(now, key) ? now[key] : null,
        out,
      );
    }
    for (const key of Object.keys(now)) {
      if (Object.hasOwn(recorded, key)) continue;
      out.push({
        path: `${path}/${escapePointer(key)}`,
        recorded: null,
        now: now[key],
      });
    }
  } else if (recorded !== now) {
    out.push({ path, recorded: recorded ?? null, now: now ?? null });
  }
}

function compareArrays(
  path: string,
  recorded: readonly unknown[],
  now: readonly unknown[],
  out: Difference[],
): void {
  const key = KEYED.get(path);
  if (key === undefined) {
    recorded.forEach((item, k) => {
      compareValues(`${path}/${k}`, item, k < now.length ? now[k] : null, out);
    });
    for (const item of now.slice(recorded.length)) {
      out.push({ path: `${path}/-`, recorded: null, now: item });
    }
    return;
  }
  const unmatched = new Map(now.map((item) => [keyOf(item, key), item]));
  recorded.forEach((item, k) => {
    const id = keyOf(item, key);
    const match = unmatched.get(id);
    if (match === undefined) {
      out.push({ path: `${path}/${k}`, recorded: item, now: null });
      return;
    }
    unmatched.delete(id);
    compareValues(`${path}/${k}`, item, match, out);
  });
  for (const item of unmatched.values()) {
    out.push({ path: `${path}/-`, recorded: null, now: item });
  }
}

/** How many scalar values (numbers, strings, booleans) a value holds. */
export function countScalars(value: unknown): number {
  if (Array.isArray(value)) {
    return value.reduce((n: number, item) => n + countScalars(item), 0);
  }
  if (isRecord(value)) return countScalars(Object.values(value));
  return value === null || value === undefined ? 0 : 1;
}

/** A key as a JSON Pointer reference token (RFC 6901). */
export function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function keyOf(item: unknown, key: string): string {
  const value = isRecord(item) ? item[key] : undefined;
  return typeof value === 'string' ? value : JSON.stringify(item);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
