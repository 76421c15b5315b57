import { RolesmithError } from '../errors.ts';
import { formatDuration, TIMEOUT_VARIABLES } from './network-timeouts.ts';

/**
 * Why a fetch or push failed, for callers that react differently (a
 * moved branch is worth a re-run, a refused token is not).
 */
export type GitRemoteFailure =
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'protected'
  | 'rejected'
  | 'moved'
  | 'network'
  | 'timeout'
  | 'failed';

/** A fetch or push that failed; the message never carries the token. */
export class GitRemoteError extends RolesmithError {
  readonly reason: GitRemoteFailure;
  /** The remote's own `remote:` lines, as it wrote them. */
  readonly remoteMessages: string[];

  constructor(
    message: string,
    options: {
      reason: GitRemoteFailure;
      remoteMessages: string[];
      expected: string;
      cause?: unknown;
    },
  ) {
    super(message, {
      code: 'git',
      expected: options.expected,
      cause: options.cause,
    });
    this.name = 'GitRemoteError';
    this.reason = options.reason;
    this.remoteMessages = options.remoteMessages;
  }
}

export interface RemoteFailureInput {
  operation: 'fetch' | 'push';
  /** The git command as run (`ls-remote` reads like a fetch); `operation` when omitted. */
  command?: string;
  /** The remote's url as it may be shown (no credentials in it). */
  url: string;
  branch?: string;
  /** git's stdout and stderr, already scrubbed of secrets. */
  output: string;
  tokenGiven: boolean;
}

// curl's and ssh's words for "the network is not there".
const NETWORK_WORDS = [
  'Failed to connect',
  "Couldn't connect",
  'Connection refused',
  'Could not resolve host',
  'Could not resolve hostname',
  'Network is unreachable',
  'No route to host',
  'Connection timed out',
  'Operation timed out',
  'Connection reset',
  'Empty reply from server',
  'Recv failure',
  'Send failure',
  'SSL_connect',
  'Proxy CONNECT aborted',
];
const NETWORK = new RegExp(`(${NETWORK_WORDS.join('|')})[^\\n]*`, 'i');

// git's, curl's and ssh's words for "these credentials do not work".
const AUTH_FAILED = [
  /could not read (Username|Password)/i,
  /Authentication failed/i,
  /returned error: 401/i,
  /Permission denied \(publickey/i,
];

// curl's low-speed abort (http.lowSpeedLimit / http.lowSpeedTime).
const STALLED =
  /Operation too slow\. Less than (\d+) bytes\/sec transferred the last (\d+) seconds/i;

const KEPT = 'nothing was lost: your files and branches are kept as they were';

// Transfer progress the remote reports; not worth repeating to the user.
const PROGRESS =
  /^(Counting|Compressing|Resolving|Total|Enumerating|Writing)\b/;

function remoteLines(output: string): string[] {
  return output
    .split(/\r?\n/)
    .filter((line) => line.startsWith('remote: '))
    .map((line) => line.slice('remote: '.length).trim())
    .filter((line) => line !== '' && !PROGRESS.test(line));
}

/** The `[rejected] (reason)` of a refused ref, porcelain or not. */
function rejection(
  output: string,
): { remote: boolean; reason: string } | undefined {
  const match =
    /^!\t[^\t]*\t\[(remote rejected|rejected)\](?: \(([^)\n]*)\))?/m.exec(
      output,
    ) ??
    /^ ! \[(remote rejected|rejected)\][^\n]*?(?:\(([^)\n]*)\))?$/m.exec(
      output,
    );
  if (match === null) return undefined;
  return {
    remote: match[1] === 'remote rejected',
    reason: match[2] ?? 'rejected',
  };
}

function firstFailureLine(output: string): string {
  const lines = output.split(/\r?\n/).map((line) => line.trim());
  return (
    lines.find((line) => line.startsWith('fatal:')) ??
    lines.find((line) => line.startsWith('error:')) ??
    lines.find((line) => line !== '') ??
    'no output'
  );
}

/** Turns git's account of a failed fetch or push into a clear error. */
export function remoteFailure(input: RemoteFailureInput): GitRemoteError {
  const { operation, url, output, tokenGiven } = input;
  const remoteMessages = remoteLines(output);
  const branch = input.branch ?? '';
  const cause = new Error(output);
  const make = (
    reason: GitRemoteFailure,
    message: string,
    expected: string,
  ): GitRemoteError => {
    const quoted = remoteMessages.map((line) => `\n  remote: ${line}`);
    return new GitRemoteError(`${message}${quoted.join('')}`, {
      reason,
      remoteMessages,
      expected,
      cause,
    });
  };

  const refused = rejection(output);
  if (refused?.remote === true) {
    // GH006 is GitHub's branch protection, GH013 its rulesets; other
    // forges say "pre-receive hook declined".
    const protectedBranch =
      /hook declined|protected|rule violations/i.test(refused.reason) ||
      remoteMessages.some((line) =>
        /protected (branch|ref)|GH006|GH013/i.test(line),
      );
    return protectedBranch
      ? make(
          'protected',
          `${url} refused the push to ${branch}: a protected branch or ` +
            `server hook declined it (${refused.reason})`,
          'a proposal branch the remote lets you push to; protected ' +
            'branches change only through a pull request',
        )
      : make(
          'rejected',
          `${url} refused the push to ${branch} (${refused.reason})`,
          'a push the remote accepts',
        );
  }
  if (refused !== undefined) {
    return make(
      'moved',
      `${branch} on ${url} moved on since it was fetched ` +
        `(${refused.reason}); nothing was overwritten`,
      'run again: the proposal is rebuilt on what the remote has now',
    );
  }
  if (/returned error: 403/.test(output)) {
    return make(
      'forbidden',
      `${url} refused access with this token (HTTP 403)`,
      `a token that may ${operation === 'push' ? 'push to' : 'read'} ` +
        'the repository (contents: write for a push)',
    );
  }
  if (AUTH_FAILED.some((words) => words.test(output))) {
    return tokenGiven
      ? make(
          'auth',
          `${url} refused the token (authentication failed)`,
          'a valid token for the repository; it may have expired or been revoked',
        )
      : make(
          'auth',
          `${url} needs credentials and none were given`,
          'a token for the remote, or git credentials that work without a prompt',
        );
  }
  if (/repository '[^']*' not found|returned error: 404/i.test(output)) {
    return make(
      'not-found',
      `the repository ${url} does not exist, or the token cannot see it`,
      'the url of an existing repository, and a token with access to it',
    );
  }
  const stalled = STALLED.exec(output);
  if (stalled !== null) {
    const seconds = Number(stalled[2]);
    return make(
      'timeout',
      `git ${input.command ?? operation} ${url} timed out: the transfer ` +
        `stalled (under ${stalled[1] ?? '1'} byte/s for ` +
        `${formatDuration(seconds * 1000)}); ${KEPT}`,
      'a remote that answers: run again when it does, or allow a slow link ' +
        `more time with ${TIMEOUT_VARIABLES.gitStallMs}`,
    );
  }
  const network = NETWORK.exec(output);
  if (network !== null) {
    return make(
      'network',
      `cannot reach ${url}: ${network[0].trim()}`,
      'a working connection to the remote; run again when it is back, nothing was lost',
    );
  }
  return make(
    'failed',
    `git ${operation} ${url} failed: ${firstFailureLine(output)}`,
    'a remote that accepts the fetch and push',
  );
}

export interface RemoteTimeoutInput {
  /** The git command as run: `fetch`, `ls-remote` or `push`. */
  command: string;
  /** The remote's url as it may be shown (no credentials in it). */
  url: string;
  timeoutMs: number;
}

/**
 * A fetch or push killed for running past ROLESMITH_GIT_TIMEOUT_MS: a
 * connection that never opened, an ssh that never answered, or a transfer
 * that trickled on. Killing it changes nothing local that matters: a
 * fetch moves refs only once its objects are in, a push moves none here.
 */
export function remoteTimeout(input: RemoteTimeoutInput): GitRemoteError {
  const { command, url, timeoutMs } = input;
  return new GitRemoteError(
    `git ${command} ${url} timed out: no result within ` +
      `${formatDuration(timeoutMs)}, so it was stopped; ${KEPT}`,
    {
      reason: 'timeout',
      remoteMessages: [],
      expected:
        'a remote that answers: run again when it does, or allow more ' +
        `time with ${TIMEOUT_VARIABLES.gitOperationMs}`,
    },
  );
}
