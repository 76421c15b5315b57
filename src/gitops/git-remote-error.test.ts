import { describe, expect, it } from 'vitest';
import { displayUrl, remoteAuth, scrubSecrets } from './git-auth.ts';
import { remoteFailure, remoteTimeout } from './git-remote-error.ts';

const URL = 'https://github.com/acme/roles.git';

function classify(output: string, tokenGiven = true) {
  return remoteFailure({
    operation: 'push',
    url: URL,
    branch: 'rolesmith/roles',
    output,
    tokenGiven,
  });
}

describe('remoteFailure', () => {
  // What github.com and stock git print, as users report them.
  it.each([
    [
      'protected',
      `remote: error: GH006: Protected branch update failed for refs/heads/main.
remote: error: Required status check "ci" is expected.
To ${URL}
 ! [remote rejected] main -> main (protected branch hook declined)
error: failed to push some refs to '${URL}'`,
    ],
    [
      'protected',
      `remote: error: GH013: Repository rule violations found for refs/heads/main.
To ${URL}
!\trefs/heads/main:refs/heads/main\t[remote rejected] (push declined ` +
        `due to repository rule violations)
Done`,
    ],
    [
      'rejected',
      `To ${URL}
!\trefs/heads/x:refs/heads/x\t[remote rejected] (shallow update not allowed)
Done`,
    ],
    [
      'moved',
      ` ! [rejected]        x -> x (non-fast-forward)
error: failed to push some refs to '${URL}'`,
    ],
    [
      'forbidden',
      `remote: Permission to acme/roles.git denied to bot.
fatal: unable to access '${URL}/': The requested URL returned error: 403`,
    ],
    [
      'auth',
      `remote: Invalid username or password.
fatal: Authentication failed for '${URL}/'`,
    ],
    [
      'not-found',
      `remote: Repository not found.
fatal: repository '${URL}/' not found`,
    ],
    [
      'network',
      `ssh: Could not resolve hostname github.com: Name or service not known
fatal: Could not read from remote repository.`,
    ],
    [
      'network',
      `fatal: unable to access '${URL}/': Failed to connect to github.com ` +
        "port 443 after 2 ms: Couldn't connect to server",
    ],
    [
      'timeout',
      'error: RPC failed; curl 28 Operation too slow. Less than 1 bytes/sec ' +
        `transferred the last 60 seconds
fatal: the remote end hung up unexpectedly`,
    ],
    ['failed', 'fatal: the remote end hung up unexpectedly'],
  ])('classifies %s', (reason, output) => {
    const error = classify(output);
    expect(error.reason).toBe(reason);
    expect(error).toMatchObject({ code: 'git', exitCode: 2 });
    expect(error.message).toContain(URL);
  });

  it('quotes the remote’s lines in the message, without progress', () => {
    const error = classify(`remote: Resolving deltas: 100% (2/2)
remote: error: GH006: Protected branch update failed for refs/heads/main.        
 ! [remote rejected] main -> main (protected branch hook declined)`);
    expect(error.remoteMessages).toEqual([
      'error: GH006: Protected branch update failed for refs/heads/main.',
    ]);
    expect(error.message).toContain(
      '\n  remote: error: GH006: Protected branch update failed',
    );
  });

  it('says which command stalled, for how long, and that nothing was lost', () => {
    const error = remoteFailure({
      operation: 'fetch',
      command: 'ls-remote',
      url: URL,
      output:
        `fatal: unable to access '${URL}/': Operation too slow. ` +
        'Less than 1 bytes/sec transferred the last 60 seconds',
      tokenGiven: true,
    });
    expect(error.message).toBe(
      `git ls-remote ${URL} timed out: the transfer stalled (under 1 byte/s ` +
        'for 60 s); nothing was lost: your files and branches are kept as ' +
        'they were',
    );
    expect(error.expected).toContain('ROLESMITH_GIT_STALL_TIMEOUT_MS');
  });

  it('words a command killed at the overall limit', () => {
    const error = remoteTimeout({
      command: 'push',
      url: URL,
      timeoutMs: 600_000,
    });
    expect(error).toMatchObject({
      reason: 'timeout',
      code: 'git',
      exitCode: 2,
    });
    expect(error.message).toContain(
      `git push ${URL} timed out: no result within 10 min`,
    );
    expect(error.expected).toContain('ROLESMITH_GIT_TIMEOUT_MS');
  });

  it('tells a refused token apart from a missing one', () => {
    const output =
      "fatal: could not read Username for 'https://github.com': terminal prompts disabled";
    expect(classify(output, true).message).toContain('refused the token');
    expect(classify(output, false).message).toContain('needs credentials');
  });
});

describe('remoteAuth', () => {
  it('scopes the header to an http remote and keeps it out of argv', () => {
    const auth = remoteAuth(URL, 's3cr3t');
    expect(auth.env).toMatchObject({
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: '',
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_0: 'credential.helper',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: `http.${URL}.extraHeader`,
      GIT_CONFIG_VALUE_1: '',
      GIT_CONFIG_KEY_2: `http.${URL}.extraHeader`,
    });
    const basic = Buffer.from('x-access-token:s3cr3t').toString('base64');
    expect(auth.env.GIT_CONFIG_VALUE_2).toBe(`Authorization: Basic ${basic}`);
    expect(auth.secrets).toContain(basic);
  });

  it('sends no token to ssh or path remotes, and never prompts', () => {
    for (const url of ['git@github.com:acme/roles.git', '/srv/roles.git']) {
      expect(remoteAuth(url, 's3cr3t').env).toEqual({
        GIT_TERMINAL_PROMPT: '0',
      });
    }
  });

  it('scrubs every form of the token', () => {
    const { secrets } = remoteAuth(URL, 'a/b+c');
    const basic = Buffer.from('x-access-token:a/b+c').toString('base64');
    expect(scrubSecrets(`t=a/b+c h=${basic} u=a%2Fb%2Bc`, secrets)).toBe(
      't=*** h=*** u=***',
    );
  });

  it('drops credentials from urls shown to the user', () => {
    expect(displayUrl('https://bot:tok@github.com/acme/roles.git')).toBe(URL);
    expect(displayUrl('git@github.com:acme/roles.git')).toBe(
      'git@github.com:acme/roles.git',
    );
  });
});
