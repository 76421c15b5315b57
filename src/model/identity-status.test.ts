import { describe, expect, it } from 'vitest';
import type { Identity } from './identity.ts';
import {
  DISABLED_STATUSES,
  isDisabled,
  isDisabledForDrift,
} from './identity-status.ts';

function identity(status?: string): Identity {
  return {
    id: 'u1',
    kind: 'human',
    attributes: {},
    ...(status !== undefined && { status }),
  };
}

describe('isDisabled and isDisabledForDrift', () => {
  it.each(DISABLED_STATUSES)('both read "%s" as disabled', (status) => {
    expect(isDisabled(identity(status))).toBe(true);
    expect(isDisabledForDrift(identity(status))).toBe(true);
  });

  it.each([' Disabled ', 'SUSPENDED', 'False\t'])(
    'both ignore case and surrounding space in "%s"',
    (status) => {
      expect(isDisabled(identity(status))).toBe(true);
      expect(isDisabledForDrift(identity(status))).toBe(true);
    },
  );

  it.each(['deleted', 'Locked'])(
    'only drift reads "%s" as disabled',
    (status) => {
      expect(isDisabled(identity(status))).toBe(false);
      expect(isDisabledForDrift(identity(status))).toBe(true);
    },
  );

  it.each([undefined, '', 'active', 'true', 'disabled soon', 'not disabled'])(
    'neither reads %j as disabled',
    (status) => {
      expect(isDisabled(identity(status))).toBe(false);
      expect(isDisabledForDrift(identity(status))).toBe(false);
    },
  );
});
