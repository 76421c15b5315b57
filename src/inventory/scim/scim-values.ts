import { pointer } from '../json-file.ts';
import type { JsonObject, RecordReporter } from '../record-checks.ts';
import { isObject, optionalString, typeOf } from '../record-checks.ts';
import { scimField, scimKey } from './scim-resources.ts';

/** One entry of a multi-valued attribute (RFC 7643 section 2.4). */
export interface ScimValue {
  value: string;
  display?: string;
  type?: string;
  primary: boolean;
  /** JSON Pointer of the entry. */
  path: string;
}

/**
 * The entries of a multi-valued attribute such as `emails`, `roles` or
 * `members`. An entry without a string `value` is reported and left out;
 * a bare string is read as its value, as several providers send them.
 */
export function multiValued(
  reporter: RecordReporter,
  object: JsonObject,
  name: string,
  base: string,
): ScimValue[] {
  const key = scimKey(object, name) ?? name;
  const raw = object[key];
  if (raw === undefined || raw === null) return [];
  const path = pointer(base, key);
  if (!Array.isArray(raw)) {
    reporter.report(
      path,
      `${name} is ${typeOf(raw)}, not an array`,
      `${name} as a JSON array`,
    );
    return [];
  }

  const values: ScimValue[] = [];
  raw.forEach((entry: unknown, index) => {
    const at = pointer(path, index);
    if (typeof entry === 'string' && entry.trim() !== '') {
      values.push({ value: entry, primary: false, path: at });
      return;
    }
    if (!isObject(entry)) {
      reporter.report(at, `${name} entry is ${typeOf(entry)}`, EXPECTED(name));
      return;
    }
    const value = scimField(entry, 'value');
    if (typeof value !== 'string' || value.trim() === '') {
      const found =
        value === undefined
          ? 'has no value'
          : `has a value that is ${typeOf(value)}`;
      reporter.report(at, `${name} entry ${found}`, EXPECTED(name));
      return;
    }
    const display = optionalString(
      reporter,
      scimField(entry, 'display'),
      at,
      'display',
    );
    const type = optionalString(reporter, scimField(entry, 'type'), at, 'type');
    const primary = scimField(entry, 'primary');
    values.push({
      value,
      ...(display !== undefined && display !== '' && { display }),
      ...(type !== undefined && { type }),
      primary: primary === true || primary === 'true',
      path: at,
    });
  });
  return values;
}

/** The entry marked primary, else the first (RFC 7643 section 2.4). */
export function primaryOrFirst(
  values: readonly ScimValue[],
): ScimValue | undefined {
  return values.find((v) => v.primary) ?? values[0];
}

const EXPECTED = (name: string): string =>
  `a ${name} entry such as {"value": "…"}`;
