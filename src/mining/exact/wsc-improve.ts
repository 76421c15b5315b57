import type { Bits } from '../bitset.ts';
import type { WscInstance } from './wsc-instance.ts';
import { addCandidates, dropRoles, stripEntitlements } from './wsc-moves.ts';
import type { WscState } from './wsc-state.ts';
import { compact, costOf, createState, reassign } from './wsc-state.ts';

/**
 * Lowers the WSC of a valid role set by moves that keep it exact, until
 * none helps or the deadline passes:
 * - give each row the fewest roles that rebuild it;
 * - strip from a role the entitlements all its members get elsewhere;
 * - drop a role when re-covering its members costs less than it does;
 * - add a candidate role when the assignments it saves outweigh it.
 */
export function improveWsc(
  instance: WscInstance,
  start: readonly Bits[],
  candidates: readonly Bits[],
  deadline: number,
): WscState {
  const state = createState(instance, start);
  let cost = costOf(instance, state);
  for (;;) {
    stripEntitlements(instance, state);
    reassign(instance, state);
    dropRoles(instance, state, deadline);
    addCandidates(instance, state, candidates, deadline);
    compact(state);
    const next = costOf(instance, state);
    if (next >= cost - 1e-9 || performance.now() > deadline) return state;
    cost = next;
  }
}

/**
 * The cheap moves only, which never add a role: strips entitlements
 * members get elsewhere and gives rows the fewest roles. For the
 * role-count objective, where WSC is reported but not minimised.
 */
export function polishRoles(
  instance: WscInstance,
  roles: readonly Bits[],
): WscState {
  const state = createState(instance, roles);
  stripEntitlements(instance, state);
  reassign(instance, state);
  compact(state);
  return state;
}
