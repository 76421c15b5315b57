/** Styling for terminal text; every style is the identity without colour. */
export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

// Each style closes with its own reset code, not `0m`, so a style nested
// inside another does not end the outer one early.
const STYLES = {
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  green: [32, 39],
  bold: [1, 22],
  dim: [2, 22],
} as const satisfies Record<keyof Palette, readonly [number, number]>;

export function createPalette(color: boolean): Palette {
  const style =
    ([open, close]: readonly [number, number]) =>
    (text: string): string =>
      color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    red: style(STYLES.red),
    yellow: style(STYLES.yellow),
    cyan: style(STYLES.cyan),
    green: style(STYLES.green),
    bold: style(STYLES.bold),
    dim: style(STYLES.dim),
  };
}

/**
 * Catalogue values reach the terminal verbatim, so a role title holding an
 * escape sequence could rewrite the screen. Show control characters
 * (other than tab and newline) as `\u001b`-style escapes instead.
 */
export function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching them is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
