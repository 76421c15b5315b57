import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIMEOUTS,
  formatDuration,
  timeoutFromEnv,
} from './network-timeouts.ts';

describe('timeoutFromEnv', () => {
  it('falls back to generous defaults', () => {
    expect(timeoutFromEnv('apiRequestMs', {})).toBe(60_000);
    expect(
      timeoutFromEnv('gitStallMs', { ROLESMITH_GIT_STALL_TIMEOUT_MS: ' ' }),
    ).toBe(DEFAULT_TIMEOUTS.gitStallMs);
    expect(timeoutFromEnv('gitOperationMs', {})).toBe(600_000);
  });

  it('reads each from its variable', () => {
    const env = {
      ROLESMITH_GITHUB_TIMEOUT_MS: '1500',
      ROLESMITH_GIT_STALL_TIMEOUT_MS: '2000',
      ROLESMITH_GIT_TIMEOUT_MS: '3000',
    };
    expect(timeoutFromEnv('apiRequestMs', env)).toBe(1500);
    expect(timeoutFromEnv('gitStallMs', env)).toBe(2000);
    expect(timeoutFromEnv('gitOperationMs', env)).toBe(3000);
  });

  it.each(['0', '-5', '1.5', '60s', 'Infinity'])(
    'refuses %s as a configuration error',
    (raw) => {
      expect(() =>
        timeoutFromEnv('gitOperationMs', { ROLESMITH_GIT_TIMEOUT_MS: raw }),
      ).toThrow(
        expect.objectContaining({
          code: 'config',
          exitCode: 2,
          message: `ROLESMITH_GIT_TIMEOUT_MS="${raw}" is not a timeout in milliseconds`,
        }),
      );
    },
  );
});

describe('formatDuration', () => {
  it.each([
    [1000, '1 s'],
    [500, '0.5 s'],
    [60_000, '60 s'],
    [600_000, '10 min'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
