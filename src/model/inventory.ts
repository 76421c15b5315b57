import type { Entitlement } from './entitlement.ts';
import type { Identity, Provenance } from './identity.ts';

export type AssignmentSource = 'direct' | 'group' | 'role';

/** One identity holding one entitlement, as observed in a source. */
export interface Assignment {
  identity: string;
  entitlement: string;
  /** ISO 8601 timestamps, kept as strings so data stays byte-stable. */
  grantedAt?: string;
  lastUsedAt?: string;
  source?: AssignmentSource;
  provenance?: Provenance;
}

/** A digest of one input, recorded so that evidence can be reproduced. */
export interface SourceDigest {
  source: string;
  file: string;
  sha256: string;
}

/** Who has what: the one model every reader produces. */
export interface Inventory {
  identities: Identity[];
  entitlements: Entitlement[];
  assignments: Assignment[];
  sources: SourceDigest[];
}

export function emptyInventory(): Inventory {
  return { identities: [], entitlements: [], assignments: [], sources: [] };
}
