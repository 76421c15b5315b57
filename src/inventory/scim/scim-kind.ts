import type { IdentityKind, MachineKind } from '../../model/index.ts';

/** A kind and the rule that chose it, kept as attribute `kind_reason`. */
export interface KindDecision {
  kind: IdentityKind;
  reason: string;
}

/**
 * `userType` values that name a machine. Compared after lower-casing and
 * dropping spaces, hyphens and underscores, so "Service Account" and
 * "service_account" match alike.
 */
const MACHINE_USER_TYPES: Record<string, MachineKind> = {
  service: 'service-account',
  serviceaccount: 'service-account',
  serviceprincipal: 'service-account',
  application: 'service-account',
  system: 'service-account',
  machine: 'service-account',
  technical: 'service-account',
  technicaluser: 'service-account',
  bot: 'bot',
};

interface NameRule {
  reason: string;
  kind: MachineKind;
  test: (name: string, local: string) => boolean;
}

/**
 * Naming conventions, tried in order on the lower-cased name; suffix
 * rules also look at the local part of an e-mail-shaped name.
 */
const NAME_RULES: NameRule[] = [
  {
    reason: 'user_name:svc-*',
    kind: 'service-account',
    test: (n) => n.startsWith('svc-'),
  },
  {
    reason: 'user_name:svc_*',
    kind: 'service-account',
    test: (n) => n.startsWith('svc_'),
  },
  {
    reason: 'user_name:sa-*',
    kind: 'service-account',
    test: (n) => n.startsWith('sa-'),
  },
  {
    reason: 'user_name:*@svc.*',
    kind: 'service-account',
    test: (n) => n.includes('@svc.'),
  },
  { reason: 'user_name:bot-*', kind: 'bot', test: (n) => n.startsWith('bot-') },
  {
    reason: 'user_name:*-bot',
    kind: 'bot',
    test: (n, local) => n.endsWith('-bot') || local.endsWith('-bot'),
  },
  {
    reason: 'user_name:*[bot]',
    kind: 'bot',
    test: (n, local) => n.endsWith('[bot]') || local.endsWith('[bot]'),
  },
];

/** The machine kind a `userType` value names, if it names one. */
export function kindFromUserType(
  userType: string | undefined,
): KindDecision | undefined {
  if (userType === undefined) return undefined;
  const key = userType.toLowerCase().replace(/[\s_-]+/g, '');
  const kind = MACHINE_USER_TYPES[key];
  return kind === undefined
    ? undefined
    : { kind, reason: `user_type:${userType}` };
}

/** The machine kind a naming convention suggests, if any matches. */
export function kindFromName(
  name: string | undefined,
): KindDecision | undefined {
  if (name === undefined) return undefined;
  const lower = name.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  const local = at > 0 ? lower.slice(0, at) : lower;
  const rule = NAME_RULES.find((r) => r.test(lower, local));
  return rule === undefined
    ? undefined
    : { kind: rule.kind, reason: rule.reason };
}

/**
 * Tells a machine identity from a person: an explicit `userType` first,
 * then naming conventions; anything else is `human` by `fallback`.
 */
export function classifyIdentity(
  userType: string | undefined,
  names: readonly (string | undefined)[],
  fallback: string,
): KindDecision {
  const byType = kindFromUserType(userType);
  if (byType !== undefined) return byType;
  for (const name of names) {
    const byName = kindFromName(name);
    if (byName !== undefined) return byName;
  }
  return { kind: 'human', reason: fallback };
}
