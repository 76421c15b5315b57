import { describe, expect, it } from 'vitest';
import type { Identity } from './identity.ts';
import { DISABLED_STATUSES, isDisabled } from './identity-status.ts';

function identity(status?: string): Identity {
  return {
    id: 'u1',
    kind: 'human',
    attributes: {},
    ...(status !== undefined && { status }),
  };
}

describe('isDisabled', () => {
  it.each(DISABLED_STATUSES)('reads "%s" as disabled', (status) => {
    expect(isDisabled(identity(status))).toBe(true);
  });

  it.each([' Disabled ', 'SUSPENDED', 'False\t', 'Locked'])(
    'ignores case and surrounding space in "%s"',
    (status) => {
      expect(isDisabled(identity(status))).toBe(true);
    },
  );

  it.each([undefined, '', 'active', 'true', 'disabled soon', 'not disabled'])(
    'does not read %j as disabled',
    (status) => {
      expect(isDisabled(identity(status))).toBe(false);
    },
  );
});
