import type { Logger } from '../logger.ts';

export type OptionType = 'string' | 'boolean';

export interface OptionSpec {
  type: OptionType;
  description: string;
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  /** Shown in help as `--name <valueName>`. */
  valueName?: string;
}

export type ParsedValues = Record<
  string,
  string | boolean | string[] | boolean[] | undefined
>;

/** What a command's run function receives; the only way to the world. */
export interface CommandContext {
  values: ParsedValues;
  positionals: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Write to stdout; commands never call console directly. */
  out: (text: string) => void;
  /** Write to stderr. */
  err: (text: string) => void;
  color: boolean;
  /** Test hook: a fixed "today" (YYYY-MM-DD) for date-based rules. */
  today: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  /** Lazily loaded so that `rolesmith --help` stays fast. */
  load(): Promise<(ctx: CommandContext) => Promise<number>>;
}
