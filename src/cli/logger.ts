import type { Logger } from '../logger.ts';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** A logger that writes to stderr, so stdout stays clean for data. */
export function createStderrLogger(
  write: (text: string) => void,
  verbosity: Verbosity,
  isTty: boolean,
): Logger {
  let lastProgress = 0;
  return {
    debug(message, fields) {
      if (verbosity === 'verbose') write(`debug: ${line(message, fields)}\n`);
    },
    info(message, fields) {
      if (verbosity !== 'quiet') write(`${line(message, fields)}\n`);
    },
    warn(message, fields) {
      write(`warning: ${line(message, fields)}\n`);
    },
    progress(step, done, total) {
      if (verbosity === 'quiet') return;
      // Throttle: progress is for humans watching, not a log of every item.
      const now = Date.now();
      const finished = total !== undefined && done >= total;
      if (!finished && now - lastProgress < 1000) return;
      lastProgress = now;
      const of = total === undefined ? '' : `/${total}`;
      if (isTty) write(`\r${step}: ${done}${of}${finished ? '\n' : ''}`);
      else write(`${step}: ${done}${of}\n`);
    },
  };
}

function line(message: string, fields?: Record<string, unknown>): string {
  if (fields === undefined) return message;
  const parts = Object.entries(fields).map(
    ([key, value]) =>
      `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  return parts.length === 0 ? message : `${message} (${parts.join(', ')})`;
}
