import { RolesmithError } from '../../errors.ts';
import type { CandidateRole } from '../types.ts';

/**
 * Checks that the roles rebuild the pairs exactly: every pair is granted
 * by a role its identity holds, and no role grants an identity anything
 * it lacks. A failure is a bug in the miner, never in the input.
 */
export function verifyExactCover(
  pairs: Iterable<{ identity: string; entitlement: string }>,
  roles: readonly CandidateRole[],
): void {
  const entitlementIndex = new Map<string, number>();
  const held = new Map<string, number[]>();
  for (const { identity, entitlement } of pairs) {
    let e = entitlementIndex.get(entitlement);
    if (e === undefined) {
      e = entitlementIndex.size;
      entitlementIndex.set(entitlement, e);
    }
    let list = held.get(identity);
    if (list === undefined) {
      list = [];
      held.set(identity, list);
    }
    list.push(e);
  }
  const rolesOf = new Map<string, number[][]>();
  for (const role of roles) {
    const granted = role.entitlements.map((e) => {
      const index = entitlementIndex.get(e);
      if (index === undefined)
        fail('a role grants an unknown entitlement', role.id);
      return index;
    });
    for (const id of role.identities) {
      const list = rolesOf.get(id);
      if (list === undefined) rolesOf.set(id, [granted]);
      else list.push(granted);
    }
  }

  // 0: not held, 1: held and not yet granted, 2: held and granted.
  const mark = new Uint8Array(entitlementIndex.size);
  for (const [identity, list] of held) {
    for (const e of list) mark[e] = 1;
    for (const granted of rolesOf.get(identity) ?? []) {
      for (const e of granted) {
        if (mark[e] === 0)
          fail('a role grants access the identity lacks', identity);
        mark[e] = 2;
      }
    }
    for (const e of list) {
      if (mark[e] !== 2)
        fail('an assignment is left outside every role', identity);
    }
    for (const e of list) mark[e] = 0;
  }
  for (const identity of rolesOf.keys()) {
    if (!held.has(identity)) fail('a role holds an unknown identity', identity);
  }
}

function fail(message: string, subject: string): never {
  throw new RolesmithError(`exact mining failed its self-check: ${message}`, {
    code: 'internal',
    path: subject,
  });
}
