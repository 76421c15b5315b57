import type {
  Assignment,
  Entitlement,
  Identity,
  Inventory,
  SourceDigest,
} from '../model/index.ts';

/**
 * Collects one reader's records in first-seen order. Identities and
 * entitlements are keyed by id; an assignment is kept once per identity,
 * entitlement and source, so holding a policy both directly and through a
 * group stays visible while repeats collapse.
 */
export class InventoryBuilder {
  private readonly identities = new Map<string, Identity>();
  private readonly entitlements = new Map<string, Entitlement>();
  private readonly assignments: Assignment[] = [];
  private readonly seen = new Set<string>();
  private readonly sources: SourceDigest[] = [];

  findIdentity(id: string): Identity | undefined {
    return this.identities.get(id);
  }

  /** Adds an identity; false when one with the same id is already there. */
  addIdentity(identity: Identity): boolean {
    if (this.identities.has(identity.id)) return false;
    this.identities.set(identity.id, identity);
    return true;
  }

  findEntitlement(id: string): Entitlement | undefined {
    return this.entitlements.get(id);
  }

  /** Adds an entitlement unless known; returns the one kept. */
  ensureEntitlement(entitlement: Entitlement): Entitlement {
    const known = this.entitlements.get(entitlement.id);
    if (known !== undefined) return known;
    this.entitlements.set(entitlement.id, entitlement);
    return entitlement;
  }

  addAssignment(assignment: Assignment): void {
    const key = [
      assignment.identity,
      assignment.entitlement,
      assignment.source ?? '',
    ].join('\u0000');
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.assignments.push(assignment);
  }

  addSource(source: SourceDigest): void {
    this.sources.push(source);
  }

  build(): Inventory {
    return {
      identities: [...this.identities.values()],
      entitlements: [...this.entitlements.values()],
      assignments: this.assignments,
      sources: this.sources,
    };
  }
}
