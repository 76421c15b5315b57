import { describe, expect, it } from 'vitest';
import { ALLOWED_GIT_ENV, baseGitEnv } from './git-auth.ts';

// What reaching a remote needs, and what identifies the commits.
const NEEDED = {
  PATH: '/usr/bin',
  SSH_AUTH_SOCK: '/tmp/agent.sock',
  https_proxy: 'http://proxy.example.test:3128',
  GIT_SSH_COMMAND: 'ssh -i ~/.ssh/deploy_key',
  GIT_SSH: '/usr/bin/plink',
  GIT_SSH_VARIANT: 'plink',
  GIT_SSL_CAINFO: '/etc/ssl/company-ca.pem',
  GIT_AUTHOR_NAME: 'Pat',
};

// What a surrounding hook or a careless shell may leave behind: each
// would redirect the plumbing, prompt, or turn a safeguard off.
const STRAY = {
  GIT_DIR: '/elsewhere/.git',
  GIT_WORK_TREE: '/elsewhere',
  GIT_INDEX_FILE: '/elsewhere/.git/index',
  GIT_OBJECT_DIRECTORY: '/elsewhere/.git/objects',
  GIT_CONFIG_GLOBAL: '/elsewhere/gitconfig',
  GIT_ASKPASS: '/usr/bin/ksshaskpass',
  SSH_ASKPASS: '/usr/bin/ksshaskpass',
  GIT_SSL_NO_VERIFY: '1',
  GIT_TRACE_CURL: '1',
  EDITOR: 'vim',
};

describe('baseGitEnv', () => {
  const env = baseGitEnv({ ...NEEDED, ...STRAY });

  it('passes what the transport needs, as set', () => {
    expect(env).toMatchObject(NEEDED);
  });

  it('drops what would redirect the plumbing, prompt or leak', () => {
    for (const key of Object.keys(STRAY)) expect(env).not.toHaveProperty(key);
  });

  it('lets simple-git accept every GIT_* variable it passes', () => {
    const passed = Object.keys(env).filter((key) => key.startsWith('GIT_'));
    for (const key of passed) expect(ALLOWED_GIT_ENV).toContain(key);
  });
});
