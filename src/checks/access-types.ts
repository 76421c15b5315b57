import type { IdentityKind } from '../model/index.ts';

/** What one identity holds according to the catalogue (or an inventory). */
export interface IdentityGrants {
  id: string;
  /** Known when an inventory names the identity; otherwise undefined. */
  kind?: IdentityKind;
  /** Ids of the roles the identity holds, sorted. */
  roles: string[];
  /** Entitlements held outside any role (approved exceptions), sorted. */
  direct: string[];
}

/** Everyone the catalogue grants something to, sorted by id. */
export interface EffectiveAccess {
  identities: IdentityGrants[];
}
