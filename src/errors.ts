/** Exit codes are part of the CLI contract; see docs/cli.md. */
export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  internal: 70,
} as const;

export type RolesmithErrorCode =
  'usage' | 'config' | 'input' | 'io' | 'git' | 'forge' | 'internal';

export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  path?: string;
}

export interface RolesmithErrorOptions extends ErrorLocation {
  code: RolesmithErrorCode;
  /** What was expected, with an example of valid input where it helps. */
  expected?: string;
  cause?: unknown;
  exitCode?: number;
}

/**
 * The one error family for faults. The message is written for the user;
 * the CLI prints it (with location) and exits with `exitCode`.
 */
export class RolesmithError extends Error {
  readonly code: RolesmithErrorCode;
  readonly exitCode: number;
  readonly location: ErrorLocation;
  readonly expected: string | undefined;

  constructor(message: string, options: RolesmithErrorOptions) {
    super(message, { cause: options.cause });
    this.name = 'RolesmithError';
    this.code = options.code;
    this.expected = options.expected;
    this.exitCode =
      options.exitCode ??
      (options.code === 'internal' ? EXIT.internal : EXIT.usage);
    this.location = {
      ...(options.file !== undefined && { file: options.file }),
      ...(options.line !== undefined && { line: options.line }),
      ...(options.column !== undefined && { column: options.column }),
      ...(options.path !== undefined && { path: options.path }),
    };
  }

  /** `file:line:column: message (expected …)` for terminals and logs. */
  describe(): string {
    const { file, line, column, path } = this.location;
    let where = file ?? '';
    if (file !== undefined && line !== undefined) where += `:${line}`;
    if (file !== undefined && line !== undefined && column !== undefined) {
      where += `:${column}`;
    }
    if (path !== undefined && path !== '') {
      where += where === '' ? path : ` (at ${path})`;
    }
    const head = where === '' ? this.message : `${where}: ${this.message}`;
    return this.expected === undefined
      ? head
      : `${head}\n  expected: ${this.expected}`;
  }
}

export function inputError(
  message: string,
  location: ErrorLocation & { expected?: string; cause?: unknown },
): RolesmithError {
  return new RolesmithError(message, { code: 'input', ...location });
}

export function usageError(message: string, expected?: string): RolesmithError {
  return new RolesmithError(message, {
    code: 'usage',
    ...(expected !== undefined && { expected }),
  });
}

export function isRolesmithError(error: unknown): error is RolesmithError {
  return error instanceof RolesmithError;
}

/** Shorten echoed input so a huge value never floods a terminal. */
export function truncate(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
