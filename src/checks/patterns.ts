export type EntitlementMatcher = (entitlementId: string) => boolean;

const GLOB_CHARS = /[*?]/;

/**
 * Compiles exact ids and glob patterns into one matcher. `*` matches any
 * run of characters within a `/` segment, `**` any run across segments and
 * `?` one character other than `/`. Entitlement ids are not paths
 * (`aws:arn:aws:iam::1:role/x`), so a path matcher's rule that `**` must
 * be a whole segment would make `aws:**` match nothing; hence our own.
 * Exact ids go through a Set so that large functions stay cheap.
 */
export function compilePatterns(
  patterns: readonly string[],
): EntitlementMatcher {
  const exact = new Set<string>();
  const globs: string[] = [];
  for (const pattern of patterns) {
    if (GLOB_CHARS.test(pattern)) globs.push(globToRegExp(pattern));
    else exact.add(pattern);
  }
  if (globs.length === 0) return (id) => exact.has(id);
  const glob = new RegExp(`^(?:${globs.join('|')})$`, 'u');
  return (id) => exact.has(id) || glob.test(id);
}

export function isGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

function globToRegExp(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '*' && pattern[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (char === '*') {
      out += '[^/]*';
    } else if (char === '?') {
      out += '[^/]';
    } else {
      out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return out;
}
