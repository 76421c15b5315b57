/** Kinds of non-human identity that rolesmith tells apart from people. */
export const MACHINE_KINDS = [
  'service-account',
  'api-key',
  'token',
  'workload',
  'bot',
] as const;

export type MachineKind = (typeof MACHINE_KINDS)[number];

export type IdentityKind = 'human' | MachineKind;

/** Which side of the human/machine divide a role serves. */
export type Audience = 'human' | 'machine';

export const IDENTITY_KINDS: readonly IdentityKind[] = [
  'human',
  ...MACHINE_KINDS,
];

/** Where a record came from, so an auditor can find it again. */
export interface Provenance {
  source: string;
  file?: string;
  line?: number;
  path?: string;
}

export interface Identity {
  id: string;
  kind: IdentityKind;
  /**
   * True when the source does not say what the identity is (a pair file)
   * and `kind` is only a default: checks then treat the kind as unknown,
   * so machine-scoped rules still apply.
   */
  kindAssumed?: boolean;
  name?: string;
  email?: string;
  /** Lifecycle status as the source states it (`active`, `disabled`, …). */
  status?: string;
  /** The accountable person for a machine identity. */
  owner?: string;
  /** Business attributes used by attribute-aware mining and criteria. */
  attributes: Record<string, string>;
  provenance?: Provenance[];
}

export function isMachineKind(kind: string): kind is MachineKind {
  return (MACHINE_KINDS as readonly string[]).includes(kind);
}

export function isIdentityKind(kind: string): kind is IdentityKind {
  return kind === 'human' || isMachineKind(kind);
}

export function audienceOf(kind: IdentityKind): Audience {
  return kind === 'human' ? 'human' : 'machine';
}
