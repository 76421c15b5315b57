import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { FileMap } from './temp-repo.ts';

const exec = promisify(execFile);

export interface GitServerOptions {
  /** The password HTTP Basic must carry; any user name is accepted. */
  token: string;
  /**
   * Tokens that may clone and fetch but not push: a push with one gets
   * 403, as a GitHub token without write access does.
   */
  readOnlyTokens?: string[];
  /** Branch names (e.g. `main`) every new repository refuses pushes to. */
  protectedBranches?: string[];
}

export interface CreateRepoOptions {
  /** The branch HEAD names; `main` unless told. */
  initialBranch?: string;
  /** Files for a first commit on the initial branch. */
  seed?: FileMap;
  /** Overrides the server's `protectedBranches` for this repository. */
  protectedBranches?: string[];
}

export interface GitServerRequest {
  method: string;
  /** Path and query as sent, e.g. `/acme/roles.git/info/refs?service=…`. */
  path: string;
  status: number;
  /** True when the request carried the token (or a read-only token). */
  authorized: boolean;
  /** The request body's Content-Encoding, when git compressed it. */
  contentEncoding?: string;
  /** True for a body sent chunked (no Content-Length), as large pushes are. */
  chunked?: boolean;
  /** What git http-backend wrote to stderr, when anything. */
  backendError?: string;
}

export interface GitServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** The folder holding every bare repository. */
  readonly root: string;
  readonly requests: GitServerRequest[];
  /** `${url}/${name}.git`, the address to clone. */
  repoUrl(name: string): string;
  /** The bare repository's folder on disk (for plumbing in tests). */
  repoPath(name: string): string;
  /** Creates a bare repository and returns its url. */
  createRepo(name: string, options?: CreateRepoOptions): Promise<string>;
  /**
   * Moves `branch` on the server as another person would (a merge, a
   * colleague's push): commits `files` (null deletes) on top of it and
   * returns the new commit. Branch protection does not apply, as it does
   * not to an administrator merging a pull request.
   */
  commitOnServer(
    name: string,
    branch: string,
    files: FileMap,
    message: string,
  ): Promise<string>;
  /** The commit a branch points at on the server, or undefined. */
  branchHead(name: string, branch: string): Promise<string | undefined>;
  /** A file's content on a server branch, or undefined when absent. */
  readFile(
    name: string,
    branch: string,
    path: string,
  ): Promise<string | undefined>;
  /** Replaces the protected branches of one repository. */
  protectBranches(name: string, branches: string[]): Promise<void>;
  close(): Promise<void>;
}

const REALM = 'rolesmith-test';
const PROTECTED_LIST = 'rolesmith-protected-branches';
/** Set only by commitOnServer; the hook lets such pushes through. */
const ADMIN_ENV = 'ROLESMITH_GIT_SERVER_ADMIN';

/*
 * The hook speaks the way GitHub's branch protection does (GH006), so
 * that client code meets the same `remote:` lines it will meet there.
 * Stock git then reports "(pre-receive hook declined)" for the ref.
 */
const PRE_RECEIVE_HOOK = `#!/bin/sh
[ -n "$${ADMIN_ENV}" ] && exit 0
list="\${GIT_DIR:-.}/${PROTECTED_LIST}"
status=0
while read -r old new ref; do
  if [ -f "$list" ] && grep -qxF "$ref" "$list"; then
    echo "error: GH006: Protected branch update failed for $ref." >&2
    echo "error: Changes must be made through a pull request." >&2
    status=1
  fi
done
exit $status
`;

/** Repository names may nest (`acme/roles`) but never climb out of root. */
function checkName(name: string): void {
  if (
    !/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(name) ||
    name.split('/').some((part) => part === '.' || part === '..')
  ) {
    throw new Error(`bad repository name "${name}"`);
  }
}

/**
 * Git for the helper itself: hermetic (no system or global config), so a
 * developer's settings never change what the server holds.
 */
async function git(
  cwd: string,
  args: string[],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<string> {
  const { stdout } = await exec('git', args, {
    cwd,
    env: { ...hermeticEnv(), ...extraEnv },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

function hermeticEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // A GIT_DIR or GIT_INDEX_FILE from a surrounding hook must not leak in.
    if (!key.toUpperCase().startsWith('GIT_')) env[key] = value;
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
  };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function parseBasic(header: string | undefined): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

function isPush(path: string, query: string): boolean {
  return (
    path.endsWith('/git-receive-pack') ||
    new URLSearchParams(query).get('service') === 'git-receive-pack'
  );
}

/**
 * Starts a git server on 127.0.0.1: `git http-backend` run as CGI behind
 * a Node HTTP server, with token auth (HTTP Basic, password = token).
 */
export async function startGitServer(
  options: GitServerOptions,
): Promise<GitServer> {
  const root = await mkdtemp(join(tmpdir(), 'rolesmith-git-server-'));
  const requests: GitServerRequest[] = [];
  const children = new Set<ChildProcess>();
  const readOnly = new Set(options.readOnlyTokens ?? []);

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: GitServerRequest = {
      method: req.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      status: 0,
      authorized: false,
    };
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined) record.contentEncoding = encoding;
    if (/chunked/i.test(req.headers['transfer-encoding'] ?? '')) {
      record.chunked = true;
    }
    res.on('finish', () => {
      record.status = res.statusCode;
      requests.push(record);
    });
    res.on('close', () => {
      // A client that hung up before the answer still leaves a trace.
      if (!res.writableFinished) requests.push(record);
    });

    const password = parseBasic(req.headers.authorization);
    const query = url.search.replace(/^\?/, '');
    if (password !== options.token && !readOnly.has(password ?? '')) {
      req.resume();
      res.writeHead(401, {
        'WWW-Authenticate': `Basic realm="${REALM}"`,
        'Content-Type': 'text/plain',
      });
      res.end('Invalid username or token.\n');
      return;
    }
    record.authorized = true;
    if (password !== options.token && isPush(url.pathname, query)) {
      req.resume();
      // git prints a text/plain error body as `remote:` lines.
      res.writeHead(403, { 'Content-Type': 'text/plain' });
      const repo = url.pathname.replace(/^\/|\/(info\/refs|git-[a-z-]+)$/g, '');
      res.end(`Permission to ${repo} denied to x-access-token.\n`);
      return;
    }
    runBackend(req, res, url, query, record);
  };

  const runBackend = (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    query: string,
    record: GitServerRequest,
  ) => {
    const env: NodeJS.ProcessEnv = {
      ...hermeticEnv(),
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: safeDecode(url.pathname),
      QUERY_STRING: query,
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      // receive-pack needs an authenticated user; it also names reflogs.
      REMOTE_USER: 'rolesmith-test',
    };
    const type = req.headers['content-type'];
    if (type !== undefined) env.CONTENT_TYPE = type;
    // Without a length (a chunked body) http-backend reads to the end.
    const length = req.headers['content-length'];
    if (length !== undefined) env.CONTENT_LENGTH = length;
    // CGI passes headers as HTTP_*: http-backend inflates a gzip body
    // itself when HTTP_CONTENT_ENCODING says so, and reads the protocol
    // version from HTTP_GIT_PROTOCOL.
    for (const [name, value] of Object.entries(req.headers)) {
      if (name === 'authorization' || value === undefined) continue;
      const key = `HTTP_${name.toUpperCase().replace(/-/g, '_')}`;
      env[key] = Array.isArray(value) ? value.join(', ') : value;
    }

    const child = spawn('git', ['http-backend'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.add(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) => {
      stderr += String(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
    child.on('close', () => {
      children.delete(child);
      if (stderr.trim() !== '') record.backendError = stderr.trim();
    });
    child.stdin.on('error', () => {
      // The backend may stop reading early (a refused request).
    });
    req.pipe(child.stdin);
    res.on('close', () => {
      // Only a client that hung up mid-answer; a finished backend may
      // still be tidying up (auto gc) and is left to exit on its own.
      if (!res.writableFinished && child.exitCode === null) child.kill();
    });
    relayCgiResponse(child, res);
  };

  const server = createServer(serve);
  await new Promise<void>((done) => {
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const repoPath = (name: string) => {
    checkName(name);
    return join(root, `${name}.git`);
  };
  const branchHead = async (name: string, branch: string) => {
    const out = await git(repoPath(name), [
      'rev-parse',
      '--verify',
      '--quiet',
      `refs/heads/${branch}^{commit}`,
    ]).catch(() => '');
    return out.trim() || undefined;
  };
  const protectBranches = async (name: string, branches: string[]) => {
    await writeFile(
      join(repoPath(name), PROTECTED_LIST),
      branches.map((branch) => `refs/heads/${branch}\n`).join(''),
    );
  };

  const commitOnServer = async (
    name: string,
    branch: string,
    files: FileMap,
    message: string,
  ) => {
    const bare = repoPath(name);
    const work = await mkdtemp(join(tmpdir(), 'rolesmith-git-server-work-'));
    const identity = {
      GIT_AUTHOR_NAME: 'Server Admin',
      GIT_AUTHOR_EMAIL: 'admin@git-server.test',
      GIT_COMMITTER_NAME: 'Server Admin',
      GIT_COMMITTER_EMAIL: 'admin@git-server.test',
    };
    try {
      await git(work, ['init', '-q']);
      // A new branch starts where HEAD is, as on a forge; an empty
      // repository gets its first commit.
      const start =
        (await branchHead(name, branch)) ??
        (await git(bare, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])
          .then((out) => out.trim())
          .catch(() => ''));
      if (start === '') {
        await git(work, ['checkout', '-q', '--orphan', branch]);
      } else {
        await git(work, ['fetch', '-q', '--no-tags', bare, start]);
        await git(work, ['checkout', '-q', '-b', branch, 'FETCH_HEAD']);
      }
      for (const [path, content] of Object.entries(files)) {
        const full = join(work, path);
        if (content === null) {
          await rm(full, { force: true });
          continue;
        }
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, content);
      }
      await git(work, ['add', '-A']);
      await git(
        work,
        ['commit', '-q', '--allow-empty', '--no-verify', '-m', message],
        identity,
      );
      await git(work, ['push', '-q', bare, `HEAD:refs/heads/${branch}`], {
        [ADMIN_ENV]: '1',
      });
      return (await git(work, ['rev-parse', 'HEAD'])).trim();
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };

  return {
    url,
    root,
    requests,
    repoUrl: (name) => {
      checkName(name);
      return `${url}/${name}.git`;
    },
    repoPath,
    async createRepo(name, repoOptions = {}) {
      const bare = repoPath(name);
      const branch = repoOptions.initialBranch ?? 'main';
      await mkdir(dirname(bare), { recursive: true });
      await git(root, ['init', '-q', '--bare', '-b', branch, bare]);
      await git(bare, ['config', 'http.receivepack', 'true']);
      await writeFile(join(bare, 'hooks', 'pre-receive'), PRE_RECEIVE_HOOK, {
        mode: 0o755,
      });
      await protectBranches(
        name,
        repoOptions.protectedBranches ?? options.protectedBranches ?? [],
      );
      if (repoOptions.seed !== undefined) {
        await commitOnServer(name, branch, repoOptions.seed, 'initial');
      }
      return `${url}/${name}.git`;
    },
    commitOnServer,
    branchHead,
    async readFile(name, branch, path) {
      const head = await branchHead(name, branch);
      if (head === undefined) return undefined;
      return git(repoPath(name), ['show', `${head}:${path}`]).catch(
        () => undefined,
      );
    },
    protectBranches,
    async close() {
      for (const child of children) child.kill();
      server.closeAllConnections();
      await new Promise<void>((done) => {
        server.close(() => {
          done();
        });
      });
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * A CGI program answers with header lines, a blank line, then the body;
 * `Status:` carries the HTTP status (200 when absent).
 */
function relayCgiResponse(child: ChildProcess, res: ServerResponse): void {
  const stdout = child.stdout;
  if (stdout === null) return;
  let head = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const crlf = head.indexOf('\r\n\r\n');
    const lf = head.indexOf('\n\n');
    const end =
      crlf >= 0 && (lf < 0 || crlf < lf)
        ? { at: crlf, size: 4 }
        : lf >= 0
          ? { at: lf, size: 2 }
          : undefined;
    if (end === undefined) return;
    stdout.off('data', onData);
    stdout.off('end', onEarlyEnd);
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end.at).toString().split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const key = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (key.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
      else headers[key] = value;
    }
    res.writeHead(status, headers);
    res.write(head.subarray(end.at + end.size));
    // The body can be a large pack: let pipe handle back-pressure.
    stdout.pipe(res);
  };
  const onEarlyEnd = () => {
    // The backend exited before it finished its headers.
    if (!res.headersSent) res.writeHead(500);
    res.end();
  };
  stdout.on('data', onData);
  stdout.on('end', onEarlyEnd);
}
