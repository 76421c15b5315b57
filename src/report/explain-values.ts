import type { Explanation } from '../evidence/explain.ts';
import { truncate } from '../errors.ts';
import { limitItems } from './limit.ts';

/** Characters of a value shown in the table (a digest is 64). */
const VALUE_WIDTH = 40;

/** Sources named in the reproduced line before `and N more`. */
const SOURCES_NAMED = 3;

const SHA256 = /^[0-9a-f]{64}$/;

/** "data of <date>, sources a, b and 2 more", each name through `name`. */
export function dataLine(
  x: Explanation,
  name: (file: string) => string,
): string {
  const files = x.data.sources.map((s) => name(s.file));
  const { shown, omitted } = limitItems(files, SOURCES_NAMED);
  const sources =
    files.length === 0
      ? 'no sources'
      : `${files.length === 1 ? 'source' : 'sources'} ` +
        `${shown.join(', ')}${omitted > 0 ? ` and ${omitted} more` : ''}`;
  return `data of ${x.data.date}, ${sources}`;
}

/** A value as a table cell: an item by its id, absent as a dash. */
export function valueOf(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') {
    // Twelve hex digits tell two digests apart; JSON has all of them.
    return SHA256.test(value)
      ? `${value.slice(0, 12)}…`
      : truncate(value, VALUE_WIDTH);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of ['id', 'file', 'attribute']) {
      const named = record[key];
      if (typeof named === 'string') return truncate(named, VALUE_WIDTH);
    }
  }
  return truncate(JSON.stringify(value), VALUE_WIDTH);
}
