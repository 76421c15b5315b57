/**
 * GitHub's CODEOWNERS syntax: owners, path patterns and rule lines. Pure
 * text work, so the generator, `--check` and the tests agree on what a
 * line means.
 *
 * Patterns follow gitignore with GitHub's differences: no `!` negation,
 * no `[ ]` ranges, and `dir/*` matches only the files directly in `dir`.
 * When several rules match a file, the last one wins; a rule without
 * owners leaves the file without code owners.
 */

/** One line of a CODEOWNERS file; `rule` is absent for blanks and comments. */
export interface CodeownersLine {
  /** 1-based line number. */
  line: number;
  text: string;
  rule?: CodeownersRule;
}

export interface CodeownersRule {
  /** The pattern as written, escapes included. */
  pattern: string;
  owners: string[];
}

// GitHub user and organisation names: letters, digits and hyphens, not
// starting with a hyphen, at most 39 characters. Older accounts may have
// doubled or trailing hyphens, so those are allowed.
const NAME = '[A-Za-z0-9][A-Za-z0-9-]{0,38}';
const USER = new RegExp(`^@${NAME}$`);
const TEAM = new RegExp(`^@${NAME}/[A-Za-z0-9][A-Za-z0-9._-]*$`);
// Deliberately plain: GitHub matches the address against verified e-mails,
// so the syntax only has to keep CODEOWNERS tokens intact.
const EMAIL =
  /^[A-Za-z0-9.!$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/**
 * Why `owner` cannot stand in a CODEOWNERS file, or undefined when it
 * can: a GitHub user (`@alice`), a team (`@acme/finance`) or an e-mail.
 */
export function ownerProblem(
  owner: string,
): { message: string; hint: string } | undefined {
  if (USER.test(owner) || TEAM.test(owner) || EMAIL.test(owner)) {
    return undefined;
  }
  const shown = JSON.stringify(owner);
  if (USER.test(`@${owner}`) || TEAM.test(`@${owner}`)) {
    // The role schema accepts the name without `@`; GitHub does not.
    return {
      message: `owner ${shown} is not a GitHub user or team: it needs a leading @`,
      hint: `write "@${owner}"`,
    };
  }
  return {
    message: `owner ${shown} is not a GitHub user (@name), team (@org/team) or e-mail address`,
    hint: 'use a GitHub user or team with write access to the repository',
  };
}

// Characters that mean something in a pattern or split a line. A
// backslash makes any of them literal, as in gitignore.
const SPECIAL = new Set([' ', '\\', '*', '?', '[', ']', '#']);

// Control characters and line separators cannot be written on one line.
// eslint-disable-next-line no-control-regex -- matching them is the point
const UNWRITABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * The anchored pattern that matches exactly `path` (repository-relative,
 * forward slashes; a trailing `/` makes it a folder), or undefined when
 * the path holds characters no CODEOWNERS line can carry.
 */
export function escapePath(path: string): string | undefined {
  if (UNWRITABLE.test(path)) return undefined;
  let out = '/';
  for (const char of path.replace(/^\/+/, '')) {
    out += SPECIAL.has(char) ? `\\${char}` : char;
  }
  return out;
}

/** Splits a rule line into tokens; escaped characters stay escaped. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === '\\' && i + 1 < text.length) {
      current += char + text.charAt(i + 1);
      i++;
    } else if (char === ' ' || char === '\t') {
      if (current !== '') tokens.push(current);
      current = '';
    } else if (char === '#' && current === '') {
      break; // a comment, at the start of the line or after an owner
    } else {
      current += char;
    }
  }
  if (current !== '') tokens.push(current);
  return tokens;
}

/** Every line of `text`, with the rule it declares where it has one. */
export function parseCodeowners(text: string): CodeownersLine[] {
  return splitLines(text).map((line, i) => {
    const [pattern, ...owners] = tokenize(line);
    return pattern === undefined
      ? { line: i + 1, text: line }
      : { line: i + 1, text: line, rule: { pattern, owners } };
  });
}

/** Lines without their endings; a final line ending adds no empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

type Token = { literal: string } | { wild: '*' | '?' };

function segmentTokens(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const char = segment.charAt(i);
    if (char === '\\' && i + 1 < segment.length) {
      tokens.push({ literal: segment.charAt(i + 1) });
      i++;
    } else if (char === '*' || char === '?') {
      tokens.push({ wild: char });
    } else {
      tokens.push({ literal: char });
    }
  }
  return tokens;
}

/** Splits on `/` that is not escaped. */
function splitSegments(pattern: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '\\' && i + 1 < pattern.length) {
      current += char + pattern.charAt(i + 1);
      i++;
    } else if (char === '/') {
      segments.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  segments.push(current);
  return segments;
}

const regexCache = new Map<string, RegExp>();

/** A regular expression over repository-relative paths for `pattern`. */
export function compilePattern(pattern: string): RegExp {
  const cached = regexCache.get(pattern);
  if (cached !== undefined) return cached;
  const segments = splitSegments(pattern);
  // A trailing slash: the folder's contents, never a file of that name.
  const folderOnly = segments.length > 1 && segments.at(-1) === '';
  if (folderOnly) segments.pop();
  // A leading slash or one in the middle anchors the pattern at the root.
  const anchored = segments.length > 1 || segments[0] === '';
  if (segments[0] === '') segments.shift();
  let source = anchored ? '^' : '^(?:.*/)?';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      source += last ? '.*' : '(?:[^/]*/)*';
      return;
    }
    for (const token of segmentTokens(segment)) {
      source +=
        'literal' in token
          ? token.literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
          : token.wild === '*'
            ? '[^/]*'
            : '[^/]';
    }
    if (!last) source += '/';
  });
  const lastSegment = segments.at(-1) ?? '';
  const wildLast =
    lastSegment !== '**' &&
    segmentTokens(lastSegment).some((token) => 'wild' in token);
  if (segments.length === 0)
    source += '.*$'; // `/`: the whole repository
  else if (lastSegment === '**') source += '$';
  else if (folderOnly) source += '/.*$';
  else if (wildLast) source += '$';
  else source += '(?:/.*)?$';
  const regex = new RegExp(source, 'u');
  regexCache.set(pattern, regex);
  return regex;
}

export function patternMatches(pattern: string, path: string): boolean {
  return compilePattern(pattern).test(path.replace(/^\/+/, ''));
}

/**
 * The rule GitHub applies to `path`: the last one that matches. Undefined
 * when none does; a rule with no owners means the file has none.
 */
export function ruleFor(
  lines: readonly CodeownersLine[],
  path: string,
): CodeownersRule | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const rule = lines[i]?.rule;
    if (rule !== undefined && patternMatches(rule.pattern, path)) return rule;
  }
  return undefined;
}

/**
 * The pattern as an anchored path without a trailing slash, for comparing
 * rules that mean the same thing; undefined for floating patterns such as
 * `*.yaml` or `docs/`.
 */
export function anchoredForm(pattern: string): string | undefined {
  const segments = splitSegments(pattern);
  if (segments.length > 1 && segments.at(-1) === '') segments.pop();
  if (segments.length < 2) return undefined;
  const joined = segments.join('/');
  return joined.startsWith('/') ? joined : `/${joined}`;
}

/** True when the pattern holds `*` or `?` anywhere (not escaped). */
export function hasWildcard(pattern: string): boolean {
  return splitSegments(pattern).some((segment) =>
    segmentTokens(segment).some((token) => 'wild' in token),
  );
}
