import { truncate } from '../../errors.ts';
import type {
  AggregationRule,
  K8sSite,
  PolicyRule,
  RoleDef,
  ServiceAccountDef,
} from './k8s-defs.ts';
import { siteOf } from './k8s-defs.ts';
import { isRecord, stringListOf, stringMapOf, textOf } from './k8s-narrow.ts';
import type { ManifestDocument, PathStep } from './k8s-yaml.ts';

/** One object found in a document, with the path that leads to it. */
export interface ManifestObject {
  kind: string;
  body: Record<string, unknown>;
  doc: ManifestDocument;
  path: PathStep[];
}

export interface ParseContext {
  /** Namespace for namespaced objects that name none. */
  defaultNamespace: string;
  /** Reports a bad record; may throw (under `stop`). */
  bad(site: K8sSite, message: string, expected: string): void;
}

export interface Metadata {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const RULE_EXAMPLE =
  'a rule with verbs and resources, e.g. {apiGroups: [""], resources: [pods], verbs: [get]}';

/** Narrows a ServiceAccount; reports a bad one and gives undefined. */
export function parseServiceAccount(
  object: ManifestObject,
  context: ParseContext,
): ServiceAccountDef | undefined {
  const meta = parseMetadata(object, context);
  if (meta === undefined) return undefined;
  const automount = object.body.automountServiceAccountToken;
  return {
    namespace: meta.namespace ?? context.defaultNamespace,
    name: meta.name,
    labels: meta.labels,
    annotations: meta.annotations,
    ...(typeof automount === 'boolean' && { automountToken: automount }),
    site: siteOf(object.doc, object.path),
  };
}

/**
 * Narrows a Role or ClusterRole. A role with one unreadable rule is
 * reported whole: keeping the rest would understate its risk.
 */
export function parseRole(
  object: ManifestObject,
  context: ParseContext,
): RoleDef | undefined {
  const kind = object.kind === 'Role' ? 'Role' : 'ClusterRole';
  const meta = parseMetadata(object, context);
  if (meta === undefined) return undefined;
  const rules = object.body.rules ?? [];
  if (!Array.isArray(rules)) {
    fail(
      object,
      ['rules'],
      context,
      `${kind} "${truncate(meta.name)}" has rules that are not a list`,
      RULE_EXAMPLE,
    );
    return undefined;
  }
  const parsed: PolicyRule[] = [];
  for (const [index, rule] of rules.entries()) {
    const result = parseRule(rule);
    if (typeof result === 'string') {
      fail(
        object,
        ['rules', index],
        context,
        `${kind} "${truncate(meta.name)}": ${result}`,
        RULE_EXAMPLE,
      );
      return undefined;
    }
    parsed.push(result);
  }
  const aggregation =
    kind === 'ClusterRole' ? parseAggregation(object.body) : undefined;
  return {
    kind,
    ...(kind === 'Role' && {
      namespace: meta.namespace ?? context.defaultNamespace,
    }),
    name: meta.name,
    rules: parsed,
    labels: meta.labels,
    annotations: meta.annotations,
    ...(aggregation !== undefined && { aggregation }),
    site: siteOf(object.doc, object.path),
  };
}

function parseRule(value: unknown): PolicyRule | string {
  if (!isRecord(value)) return 'a rule is not a mapping';
  const verbs = stringListOf(value.verbs);
  const apiGroups = stringListOf(value.apiGroups);
  const resources = stringListOf(value.resources);
  const resourceNames = stringListOf(value.resourceNames);
  const nonResourceURLs = stringListOf(value.nonResourceURLs);
  if (verbs?.length === 0) return 'a rule has no verbs';
  if (
    verbs === undefined ||
    apiGroups === undefined ||
    resources === undefined ||
    resourceNames === undefined ||
    nonResourceURLs === undefined
  ) {
    return 'a rule has a field that is not a list of strings';
  }
  return { verbs, apiGroups, resources, resourceNames, nonResourceURLs };
}

function parseAggregation(
  body: Record<string, unknown>,
): AggregationRule | undefined {
  const rule = body.aggregationRule;
  if (!isRecord(rule)) return undefined;
  const selectors = Array.isArray(rule.clusterRoleSelectors)
    ? rule.clusterRoleSelectors.filter(isRecord)
    : [];
  const matchLabels = selectors
    .filter((s) => s.matchExpressions === undefined)
    .map((s) => stringMapOf(s.matchLabels));
  return {
    selectors: matchLabels,
    unevaluated: selectors.length - matchLabels.length,
  };
}

export function parseMetadata(
  object: ManifestObject,
  context: ParseContext,
): Metadata | undefined {
  const meta = object.body.metadata;
  const name = isRecord(meta) ? textOf(meta.name) : undefined;
  if (!isRecord(meta) || name === undefined) {
    fail(
      object,
      isRecord(meta) ? ['metadata'] : [],
      context,
      `a ${object.kind} has no metadata.name`,
      'metadata: {name: ..., namespace: ...}',
    );
    return undefined;
  }
  const namespace = textOf(meta.namespace);
  return {
    name,
    ...(namespace !== undefined && { namespace }),
    labels: stringMapOf(meta.labels),
    annotations: stringMapOf(meta.annotations),
  };
}

export function fail(
  object: ManifestObject,
  path: PathStep[],
  context: ParseContext,
  message: string,
  expected: string,
): void {
  context.bad(siteOf(object.doc, [...object.path, ...path]), message, expected);
  return undefined;
}
