/**
 * How rolesmith hands a token to git: as configuration in the child's
 * environment (GIT_CONFIG_COUNT / GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n),
 * never in argv (other users can read a process's arguments), never in
 * `.git/config`, never in the remote url.
 */

/** GitHub accepts any user name with a token; its own tools use this one. */
const TOKEN_USER = 'x-access-token';

/** Identity variables a user may set on purpose; they reach git as set. */
const IDENTITY_KEYS = [
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
] as const;

/**
 * Transport variables a user sets so that git can reach their remotes at
 * all; they reach git as set, as they would from a plain `git push`:
 *
 * - GIT_SSH_COMMAND, GIT_SSH and GIT_SSH_VARIANT choose the ssh program,
 *   key and options for ssh remotes (as `core.sshCommand` would);
 * - GIT_SSL_CAINFO and GIT_SSL_CAPATH name the certificate authorities
 *   for https remotes behind a company's own CA (as `http.sslCAInfo`).
 *
 * SSH_AUTH_SOCK (the ssh agent) and the http(s)_proxy variables are not
 * GIT_* variables and pass anyway. Deliberately left out: GIT_DIR,
 * GIT_WORK_TREE, GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_NAMESPACE and
 * GIT_CONFIG* (they would point rolesmith's own plumbing elsewhere);
 * GIT_ASKPASS and SSH_ASKPASS (rolesmith never prompts: a prompt in CI
 * hangs, and the ssh agent is the way to unlock a key); GIT_SSL_NO_VERIFY
 * (it turns TLS checks off unseen); GIT_TRACE* and GIT_CURL_VERBOSE (they
 * can print the Authorization header rolesmith sends); GIT_PROXY_COMMAND
 * (git:// only, which rolesmith does not authenticate).
 */
const TRANSPORT_KEYS = [
  'GIT_SSH_COMMAND',
  'GIT_SSH',
  'GIT_SSH_VARIANT',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
] as const;

const CONFIG_SLOTS = 3;

/**
 * Every GIT_* variable rolesmith itself may pass. simple-git refuses any
 * other one given explicitly, so an unexpected variable fails loudly
 * instead of silently changing what git does.
 */
export const ALLOWED_GIT_ENV: readonly string[] = [
  ...IDENTITY_KEYS,
  ...TRANSPORT_KEYS,
  'GIT_INDEX_FILE',
  'GIT_TERMINAL_PROMPT',
  'GIT_ASKPASS',
  'GIT_CONFIG_COUNT',
  ...Array.from({ length: CONFIG_SLOTS }, (_, i) => [
    `GIT_CONFIG_KEY_${i}`,
    `GIT_CONFIG_VALUE_${i}`,
  ]).flat(),
];

/** Keys simple-git guards besides GIT_*: each can make git run a program. */
const GUARDED_OTHER = new Set(['EDITOR', 'VISUAL', 'PAGER', 'SSH_ASKPASS']);

/**
 * The environment for a git child: the process's own, minus GIT_*
 * variables other than the identity and transport ones. A GIT_DIR or
 * GIT_INDEX_FILE inherited from a surrounding hook would otherwise point
 * git at another repository or index.
 */
export function baseGitEnv(
  from: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  const kept = new Set<string>([...IDENTITY_KEYS, ...TRANSPORT_KEYS]);
  for (const [key, value] of Object.entries(from)) {
    if (value === undefined) continue;
    const upper = key.toUpperCase();
    if (upper.startsWith('GIT_') && !kept.has(upper)) continue;
    if (GUARDED_OTHER.has(upper) || upper === 'PREFIX') continue;
    env[key] = value;
  }
  return env;
}

export interface RemoteAuth {
  /** Variables to add to the git child's environment. */
  env: Record<string, string>;
  /** Every form of the token that could show up in git's output. */
  secrets: string[];
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/**
 * What a fetch or push to `remoteUrl` needs. Git never prompts (a
 * missing or refused credential fails at once instead of hanging). With a
 * token and an http(s) remote:
 *
 * - `http.<url>.extraHeader` sends `Authorization: Basic` on the first
 *   request, scoped to that remote; an empty value first clears headers
 *   configured for it before, such as the one actions/checkout leaves in
 *   `.git/config`, so a stale token never rides along.
 * - `credential.helper` is reset: were the token refused, git would
 *   otherwise ask the user's helpers for another credential, and then
 *   tell them to erase the one they gave.
 *
 * For ssh and path remotes the token is not used.
 */
export function remoteAuth(
  remoteUrl: string,
  token: string | undefined,
): RemoteAuth {
  const env: Record<string, string> = { GIT_TERMINAL_PROMPT: '0' };
  if (token === undefined || token === '' || !isHttpUrl(remoteUrl)) {
    return { env, secrets: token ? [token] : [] };
  }
  const basic = Buffer.from(`${TOKEN_USER}:${token}`).toString('base64');
  const header = `http.${remoteUrl}.extraHeader`;
  const entries: [string, string][] = [
    ['credential.helper', ''],
    [header, ''],
    [header, `Authorization: Basic ${basic}`],
  ];
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  env.GIT_CONFIG_COUNT = String(entries.length);
  // An empty GIT_ASKPASS also stops git from falling back to SSH_ASKPASS.
  env.GIT_ASKPASS = '';
  return {
    env,
    secrets: [
      token,
      basic,
      Buffer.from(token).toString('base64'),
      encodeURIComponent(token),
    ],
  };
}

/** Replaces every secret in `text` with `***`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so that a secret containing another is hidden whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret === '') continue;
    out = out.split(secret).join('***');
  }
  return out;
}

/** A url fit for messages: any user name and password in it removed. */
export function displayUrl(url: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
