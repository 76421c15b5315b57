/** Narrowing of untrusted manifest values, shared by the k8s parsers. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, or undefined. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A list of strings; an absent list is empty. Undefined when the value is
 * there but is not a list of strings, so the caller can report it.
 */
export function stringListOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const list: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') return undefined;
    list.push(item);
  }
  return list;
}

/**
 * Labels and annotations. Kubernetes wants strings, but an unquoted
 * `version: 1.0` is common in hand-written files and harmless here.
 */
export function stringMapOf(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  // fromEntries defines own properties, so a `__proto__` key stays a key.
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, item]) =>
      typeof item === 'string' ||
      typeof item === 'number' ||
      typeof item === 'boolean'
        ? [[key, String(item)]]
        : [],
    ),
  );
}
