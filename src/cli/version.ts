import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The package version; the same path works from src/cli and dist/cli. */
export function rolesmithVersion(): string {
  if (cached !== undefined) return cached;
  const url = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: string };
  cached = pkg.version ?? '0.0.0';
  return cached;
}
