import type { JsonObject } from '../record-checks.ts';
import { isObject } from '../record-checks.ts';

/** One statement of an IAM policy, with single values made lists. */
export interface PolicyStatement {
  /** `Sid`, else `#<index>`, to name the statement in reasons. */
  label: string;
  effect: string;
  actions: string[];
  notActions: string[] | undefined;
  resources: string[];
  notResources: string[] | undefined;
  principal: unknown;
}

/**
 * A policy document as the export holds it: the AWS CLI decodes it into
 * an object, the raw API returns URL-encoded JSON (RFC 3986), and some
 * tools keep plain JSON text. Undefined when it is none of these.
 */
export function decodePolicyDocument(raw: unknown): JsonObject | undefined {
  if (isObject(raw)) return raw;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  for (const candidate of [text, safeDecode(text)]) {
    if (candidate === undefined || !candidate.startsWith('{')) continue;
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (isObject(parsed)) return parsed;
    } catch {
      // Not this encoding; try the next one.
    }
  }
  return undefined;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', '%20'));
  } catch {
    return undefined;
  }
}

/** The statements of a document; a lone statement object counts as one. */
export function statementsOf(document: JsonObject): PolicyStatement[] {
  const raw = document.Statement;
  const list: unknown[] = Array.isArray(raw)
    ? raw
    : raw === undefined
      ? []
      : [raw];
  return list.filter(isObject).map((statement, index) => ({
    label:
      typeof statement.Sid === 'string' && statement.Sid !== ''
        ? statement.Sid
        : `#${index}`,
    effect: typeof statement.Effect === 'string' ? statement.Effect : '',
    actions: stringList(statement.Action),
    notActions:
      'NotAction' in statement ? stringList(statement.NotAction) : undefined,
    resources: stringList(statement.Resource),
    notResources:
      'NotResource' in statement
        ? stringList(statement.NotResource)
        : undefined,
    principal: statement.Principal,
  }));
}

/** A string or a list of strings, as IAM allows for most elements. */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === 'string');
  return [];
}
