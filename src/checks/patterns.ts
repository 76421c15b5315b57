import picomatch from 'picomatch';

export type EntitlementMatcher = (entitlementId: string) => boolean;

const GLOB_CHARS = /[*?[\]{}!]/;

/**
 * Compiles exact ids and glob patterns into one matcher. Exact ids go
 * through a Set so that large functions stay cheap; `*` stays within a
 * `/` segment and `**` crosses segments (picomatch semantics).
 */
export function compilePatterns(
  patterns: readonly string[],
): EntitlementMatcher {
  const exact = new Set<string>();
  const globs: string[] = [];
  for (const pattern of patterns) {
    if (GLOB_CHARS.test(pattern)) globs.push(pattern);
    else exact.add(pattern);
  }
  if (globs.length === 0) return (id) => exact.has(id);
  const glob = picomatch(globs, { dot: true });
  return (id) => exact.has(id) || glob(id);
}

export function isGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}
