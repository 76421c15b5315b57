import { parseArgs } from 'node:util';
import { EXIT, isRolesmithError, usageError } from '../errors.ts';
import type { CommandContext, OptionSpec, ParsedValues } from './command.ts';
import { findCommand, GLOBAL_OPTIONS } from './commands.ts';
import { renderCommandHelp, renderMainHelp } from './help.ts';
import { createStderrLogger } from './logger.ts';
import { rolesmithVersion } from './version.ts';

export interface RunIo {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty?: boolean;
}

/**
 * Runs one CLI invocation and returns its exit code. It never exits the
 * process itself, so tests drive it directly.
 */
export async function runCli(io: RunIo): Promise<number> {
  const [name, ...rest] = io.argv;
  const debug = io.argv.includes('--debug');
  try {
    if (name === undefined || name === '--help' || name === '-h') {
      io.stdout(renderMainHelp(rolesmithVersion()));
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === '--version' || name === '-V') {
      io.stdout(`${rolesmithVersion()}\n`);
      return EXIT.ok;
    }
    const command = findCommand(name);
    if (command === undefined) {
      throw usageError(
        `unknown command "${name}"`,
        'one of the commands listed by `rolesmith --help`',
      );
    }
    const options = { ...command.options, ...GLOBAL_OPTIONS };
    const parsed = parse(rest, options);
    if (parsed.values.help === true) {
      io.stdout(renderCommandHelp(command));
      return EXIT.ok;
    }
    const color =
      parsed.values['no-color'] !== true &&
      io.env.NO_COLOR === undefined &&
      io.isTty === true;
    const verbosity =
      parsed.values.quiet === true
        ? 'quiet'
        : parsed.values.verbose === true || debug
          ? 'verbose'
          : 'normal';
    const context: CommandContext = {
      values: parsed.values,
      positionals: parsed.positionals,
      cwd: io.cwd,
      env: io.env,
      logger: createStderrLogger(io.stderr, verbosity, io.isTty === true),
      out: io.stdout,
      err: io.stderr,
      color,
      today: todayUtc(io.env),
    };
    const run = await command.load();
    return await run(context);
  } catch (error) {
    return reportFault(error, io, debug);
  }
}

function parse(args: string[], options: Record<string, OptionSpec>) {
  try {
    const result = parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(options).map(([key, spec]) => [
          key,
          {
            type: spec.type,
            ...(spec.short !== undefined && { short: spec.short }),
            ...(spec.multiple === true && { multiple: true }),
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
    return {
      values: result.values as ParsedValues,
      positionals: result.positionals,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw usageError(message, 'see `--help` for the options');
  }
}

function reportFault(error: unknown, io: RunIo, debug: boolean): number {
  if (isRolesmithError(error)) {
    io.stderr(`rolesmith: ${error.describe()}\n`);
    if (debug && error.stack !== undefined) io.stderr(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(
    `rolesmith: internal error: ${message}\n` +
      'This is a bug in rolesmith; please report it with --debug output.\n',
  );
  if (debug && error instanceof Error && error.stack !== undefined) {
    io.stderr(`${error.stack}\n`);
  }
  return EXIT.internal;
}

/** Today in UTC; `ROLESMITH_TODAY` pins it for reproducible runs and tests. */
function todayUtc(env: NodeJS.ProcessEnv): string {
  const pinned = env.ROLESMITH_TODAY;
  if (pinned !== undefined) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
    throw usageError(
      `ROLESMITH_TODAY "${pinned.slice(0, 20)}" is not a date`,
      'YYYY-MM-DD, e.g. 2026-12-03, or unset it',
    );
  }
  return new Date().toISOString().slice(0, 10);
}
