import type { RiskLevel } from '../../model/index.ts';
import { riskRank } from '../../model/index.ts';
import type { PolicyRule } from './k8s-defs.ts';

export interface RuleRisk {
  risk: RiskLevel;
  /** Why, in words a reviewer reads; empty for plain reads and writes. */
  reasons: string[];
}

const READ_VERBS: readonly string[] = ['get', 'list', 'watch'];

/** Verbs that are dangerous whatever the rule names them on. */
const POWER_VERBS: readonly string[] = ['escalate', 'bind', 'impersonate'];

interface Power {
  reason: string;
  groups: readonly string[];
  resources: readonly string[];
  verbs: readonly string[];
}

/** Grants that let a holder reach further than the rule seems to say. */
const HIGH: readonly Power[] = [
  {
    reason: 'reads secrets',
    groups: [''],
    resources: ['secrets'],
    verbs: READ_VERBS,
  },
  {
    reason: 'escalates or binds roles',
    groups: ['rbac.authorization.k8s.io'],
    resources: ['roles', 'clusterroles'],
    verbs: ['escalate', 'bind'],
  },
  {
    reason: 'impersonates users, groups or service accounts',
    groups: ['', 'authentication.k8s.io'],
    resources: ['users', 'groups', 'serviceaccounts', 'uids'],
    verbs: ['impersonate'],
  },
  {
    reason: 'mints service account tokens',
    groups: [''],
    resources: ['serviceaccounts/token'],
    verbs: ['create'],
  },
  {
    reason: 'runs commands in pods (pods/exec, pods/attach)',
    groups: [''],
    resources: ['pods/exec', 'pods/attach'],
    verbs: ['create', 'get'],
  },
  {
    // GET alone is enough: it upgrades to a websocket that can exec.
    reason: 'reaches the kubelet API (nodes/proxy)',
    groups: [''],
    resources: ['nodes/proxy'],
    verbs: ['get', 'create'],
  },
];

/**
 * How dangerous a set of rules is. Critical: every verb on every resource
 * of a group, or on a resource in every group. High: see `HIGH` and the
 * power verbs. Medium: any other write. Low: reads only (or nothing).
 */
export function assessRules(rules: readonly PolicyRule[]): RuleRisk {
  const reasons = new Set<string>();
  let risk: RiskLevel = 'low';
  const raise = (level: RiskLevel, reason?: string) => {
    if (riskRank(level) > riskRank(risk)) risk = level;
    if (reason !== undefined) reasons.add(reason);
  };

  for (const rule of rules) {
    const allVerbs = rule.verbs.includes('*');
    if (allVerbs && rule.resources.includes('*')) {
      raise('critical', 'every verb on every resource of an API group');
    } else if (allVerbs && rule.apiGroups.includes('*')) {
      raise('critical', 'every verb on a resource in every API group');
    }
    for (const power of HIGH) {
      if (grants(rule, power)) raise('high', power.reason);
    }
    const power = rule.verbs.filter((verb) => POWER_VERBS.includes(verb));
    if (power.length > 0) raise('high', `uses the ${power.join(', ')} verb`);
    if (rule.verbs.some((verb) => !READ_VERBS.includes(verb))) raise('medium');
  }
  return { risk, reasons: [...reasons] };
}

function grants(rule: PolicyRule, power: Power): boolean {
  return (
    rule.apiGroups.some((g) => g === '*' || power.groups.includes(g)) &&
    rule.resources.some((r) => power.resources.some((p) => covers(r, p))) &&
    rule.verbs.some((v) => v === '*' || power.verbs.includes(v))
  );
}

// Kubernetes resource matching: `*`, an exact name, or `*/subresource`.
function covers(pattern: string, resource: string): boolean {
  if (pattern === '*' || pattern === resource) return true;
  const slash = resource.indexOf('/');
  return slash > 0 && pattern === `*${resource.slice(slash)}`;
}

const MAX_RULES = 6;
const MAX_TARGETS = 4;

/**
 * `verbs targets` per rule, such as `get,list pods, deployments.apps`,
 * capped so that a 100-rule operator role stays one readable line.
 */
export function summariseRules(rules: readonly PolicyRule[]): string {
  if (rules.length === 0) return 'no rules';
  const shown = rules.slice(0, MAX_RULES).map(describeRule);
  const more = rules.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more rules` : '');
}

function describeRule(rule: PolicyRule): string {
  const groups = rule.apiGroups.length > 0 ? rule.apiGroups : [''];
  const targets = [
    ...rule.resources.flatMap((resource) =>
      groups.map((group) => (group === '' ? resource : `${resource}.${group}`)),
    ),
    ...rule.nonResourceURLs,
  ];
  const names =
    rule.resourceNames.length > 0
      ? ` named ${capped(rule.resourceNames, MAX_TARGETS)}`
      : '';
  const verbs = rule.verbs.includes('*')
    ? 'all verbs on'
    : rule.verbs.join(',');
  return `${verbs} ${capped(targets, MAX_TARGETS)}${names}`;
}

function capped(items: readonly string[], max: number): string {
  if (items.length === 0) return '(nothing)';
  const head = items.slice(0, max).join(', ');
  return items.length > max ? `${head} (+${items.length - max} more)` : head;
}
