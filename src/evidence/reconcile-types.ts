// The data reconciliation returns; see reconcile.ts.
import type { Inventory } from '../model/index.ts';

export interface ReconcileOptions {
  /** Inventory to resolve attribute-criteria members; without it only explicit members count. */
  inventory?: Inventory;
  /**
   * Entitlement Jaccard at or above which a candidate is the same role as
   * an existing one; default 0.8.
   */
  matchThreshold?: number;
  /**
   * Jaccard against the union for merge and split suggestions, and the
   * share of each part inside the target; default 0.9.
   */
  suggestThreshold?: number;
}

export type ReconcileStatus =
  'unchanged' | 'changed' | 'new' | 'redundant' | 'kept';

/** The order entries are listed in. */
export const RECONCILE_STATUSES: readonly ReconcileStatus[] = [
  'unchanged',
  'changed',
  'new',
  'redundant',
  'kept',
];

/**
 * One existing role or one new candidate. The four lists are what
 * accepting the entry changes, each sorted: a changed role's difference,
 * everything a new candidate grants, everything a redundant role would
 * stop granting (its candidates grant it again); empty for unchanged and
 * kept roles.
 */
export interface ReconcileEntry {
  status: ReconcileStatus;
  /** The existing role id (unchanged, changed, redundant, kept) or the candidate id (new). */
  role: string;
  /** The candidate that matched (unchanged, changed) or is new. */
  candidate?: string;
  entitlementsAdded: string[];
  entitlementsRemoved: string[];
  membersAdded: string[];
  membersRemoved: string[];
  /** Jaccard of entitlements between role and candidate, when matched. */
  similarity?: number;
  /** Plain-language reasons, each stating a fact from the data. */
  reasons: string[];
}

export interface ReconcileSuggestion {
  kind: 'merge' | 'split';
  /** Sorted; two or more for a merge, one for a split. */
  roles: string[];
  /** Sorted; one for a merge, two or more for a split. */
  candidates: string[];
  /** Entitlement Jaccard of the union of the parts with the target. */
  similarity: number;
  reason: string;
}

export interface Reconciliation {
  entries: ReconcileEntry[];
  suggestions: ReconcileSuggestion[];
}
