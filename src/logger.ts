/**
 * Library code never writes to the console: it takes a Logger. The CLI
 * decides where messages go and how loud they are.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Progress on long work; `done` of `total` when known. */
  progress(step: string, done: number, total?: number): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  progress() {},
};

export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'progress';
  message: string;
  fields?: Record<string, unknown>;
}

/** A logger that keeps what it is told; for tests and summaries. */
export function createMemoryLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const push =
    (level: LogRecord['level']) =>
    (message: string, fields?: Record<string, unknown>) => {
      records.push({ level, message, ...(fields && { fields }) });
    };
  return {
    records,
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    progress(step, done, total) {
      records.push({
        level: 'progress',
        message: step,
        fields: { done, ...(total !== undefined && { total }) },
      });
    },
  };
}
