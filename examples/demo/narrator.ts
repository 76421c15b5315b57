/**
 * The demo's voice: numbered steps, the command each step runs, a short
 * excerpt of what it printed and a plain sentence of what it means.
 * Lines stay within 80 columns so the story reads in any terminal.
 */
export class Narrator {
  private started = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly total: number,
  ) {}

  title(text: string): void {
    this.write(`${text}\n${'='.repeat(Math.min(text.length, 78))}\n\n`);
  }

  step(index: number, text: string): void {
    this.started = performance.now();
    this.write(`[${index}/${this.total}] ${text}\n`);
  }

  command(line: string): void {
    this.write(`  $ ${line}\n`);
  }

  /** The first lines of a step's output; the rest is in its log file. */
  excerpt(text: string, maxLines: number, log: string): void {
    const lines = text.replace(/\n+$/, '').split('\n');
    for (const line of lines.slice(0, maxLines)) {
      this.write(`  | ${line}\n`.replace(/ +\n$/, '\n'));
    }
    const more = lines.length - maxLines;
    if (more > 0) {
      this.write(`  | ... ${more} more lines in ${log}\n`);
    }
  }

  say(text: string): void {
    this.write(`${wrap(text, 76, '  ')}\n`);
  }

  list(items: readonly string[]): void {
    for (const item of items) this.write(`${wrap(item, 74, '    ', '  - ')}\n`);
  }

  done(): void {
    const seconds = (performance.now() - this.started) / 1000;
    this.write(`  (${seconds.toFixed(1)} s)\n\n`);
  }

  plain(text: string): void {
    this.write(`${text}\n`);
  }
}

/** Greedy word wrap; a word longer than the width gets a line of its own. */
export function wrap(
  text: string,
  width: number,
  indent: string,
  first = indent,
): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((l, i) => `${i === 0 ? first : indent}${l}`).join('\n');
}
