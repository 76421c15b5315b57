import { createHash } from 'node:crypto';
import type {
  Assignment,
  AssignmentSource,
  Entitlement,
  Identity,
  Inventory,
  Provenance,
} from '../../model/index.ts';
import { isBotAccount, personId } from './github-org-access.ts';

interface Account {
  login: string;
  type?: string;
  name?: string | null;
  email?: string | null;
}

type Timing = Pick<Assignment, 'grantedAt' | 'lastUsedAt'>;

/**
 * Collects what the GitHub reader finds: identities and entitlements by
 * id (first sighting keeps its provenance), assignments once per
 * identity, entitlement and source, and a digest of every listing read.
 * The result is sorted, so the same organisation reads the same way.
 */
export class GithubInventory {
  private readonly identities = new Map<string, Identity>();
  private readonly entitlements = new Map<string, Entitlement>();
  private readonly assignments = new Map<string, Assignment>();
  private readonly hash = createHash('sha256');

  constructor(private readonly label: string) {}

  /** Feeds a listing into the digest and hands it back. */
  seen<T extends { path: string; items: unknown[] }>(listing: T): T {
    this.hash.update(JSON.stringify([listing.path, listing.items]));
    this.hash.update('\n');
    return listing;
  }

  /** Records a person (or a bot account); returns the identity id. */
  person(
    account: Account,
    path: string,
    attributes: Record<string, string>,
  ): string {
    const id = personId(account.login);
    const known = this.identities.get(id);
    if (known !== undefined) {
      // Later listings add attributes but never overwrite earlier ones.
      known.attributes = { ...attributes, ...known.attributes };
      return id;
    }
    this.identities.set(id, {
      id,
      kind: isBotAccount(account) ? 'bot' : 'human',
      ...(account.name ? { name: account.name } : {}),
      ...(account.email ? { email: account.email } : {}),
      status: 'active',
      attributes: { ...attributes },
      provenance: [this.provenance(path)],
    });
    return id;
  }

  machine(identity: Omit<Identity, 'provenance'>, path: string): void {
    if (this.identities.has(identity.id)) return;
    this.identities.set(identity.id, {
      ...identity,
      provenance: [this.provenance(path)],
    });
  }

  grant(
    identity: string,
    entitlement: Entitlement,
    path: string,
    source: AssignmentSource,
    timing: Timing = {},
  ): void {
    if (!this.entitlements.has(entitlement.id)) {
      this.entitlements.set(entitlement.id, {
        ...entitlement,
        provenance: [this.provenance(path)],
      });
    }
    const key = `${identity}\u0000${entitlement.id}\u0000${source}`;
    if (this.assignments.has(key)) return;
    this.assignments.set(key, {
      identity,
      entitlement: entitlement.id,
      ...timing,
      source,
      provenance: this.provenance(path),
    });
  }

  build(): Inventory {
    const byId = (a: { id: string }, b: { id: string }) => order(a.id, b.id);
    const assignments = [...this.assignments.values()].sort(
      (a, b) =>
        order(a.identity, b.identity) ||
        order(a.entitlement, b.entitlement) ||
        order(a.source ?? '', b.source ?? ''),
    );
    return {
      identities: [...this.identities.values()].sort(byId),
      entitlements: [...this.entitlements.values()].sort(byId),
      assignments,
      sources: [
        { source: 'github', file: this.label, sha256: this.hash.digest('hex') },
      ],
    };
  }

  private provenance(path: string): Provenance {
    return { source: 'github', file: this.label, path };
  }
}

/** Code-unit order: the same on every machine, whatever its locale. */
function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
