import { usageError } from '../errors.ts';
import { SEVERITIES } from '../model/index.ts';
import type { Severity } from '../model/index.ts';
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

export type FailOn = Severity | 'never';

/** `--fail-on`: the lowest severity that fails the run, or `never`. */
export function failOnOption(values: ParsedValues, fallback: FailOn): FailOn {
  const failOn = stringOption(values, 'fail-on') ?? fallback;
  if (failOn === 'never' || isSeverity(failOn)) return failOn;
  throw usageError(
    `unknown --fail-on "${failOn}"`,
    'error, warning, note or never',
  );
}

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
