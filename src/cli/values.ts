import { usageError } from '../errors.ts';
import type { ParsedValues } from './command.ts';

export function stringOption(
  values: ParsedValues,
  name: string,
): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw usageError(`--${name} takes a value`, `--${name} <value>`);
}

export function stringList(values: ParsedValues, name: string): string[] {
  const value = values[name];
  if (value === undefined) return [];
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}
