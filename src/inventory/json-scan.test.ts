import { describe, expect, it } from 'vitest';
import {
  findJsonSyntaxProblem,
  locatePointers,
  positionAt,
} from './json-scan.ts';

describe('findJsonSyntaxProblem', () => {
  it.each([
    ['{"a": }', 1, 7, 'unexpected character "}"'],
    ['{"a": 1,\n  "b": x}', 2, 8, 'unexpected character "x"'],
    ['{"a": 1', 1, 8, 'unexpected end of input'],
    ['', 1, 1, 'unexpected end of input'],
    ['{"a": 1}}', 1, 9, 'unexpected content after the JSON value'],
    ['[1, 2,]', 1, 7, 'unexpected character "]"'],
    ['{"a" 1}', 1, 6, "expected ':' after a property name"],
    ["{'a': 1}", 1, 2, 'expected a property name in double quotes'],
    ['{"a": 1,}', 1, 9, 'expected a property name in double quotes'],
    ['[1 2]', 1, 4, "expected ',' or ']'"],
    ['{"a": 1 "b": 2}', 1, 9, "expected ',' or '}'"],
    ['["abc', 1, 2, 'unterminated string'],
    ['["a\\qb"]', 1, 4, 'invalid escape in a string'],
    ['["a\tb"]', 1, 4, 'control character in a string'],
    ['[-]', 1, 2, 'invalid number'],
    ['[tru]', 1, 2, 'unexpected character "t"'],
  ])('places the error in %j at %i:%i', (text, line, column, reason) => {
    expect(findJsonSyntaxProblem(text)).toMatchObject({ line, column, reason });
  });

  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"]} ',
    '"x"',
  ])('accepts valid JSON %j', (text) => {
    expect(findJsonSyntaxProblem(text)).toBeUndefined();
  });
});

describe('locatePointers', () => {
  it('finds the line of each value by JSON Pointer, escapes included', () => {
    const text =
      '{\n  "Resources": [\n    {"id": 1},\n    {\n      "a/b": {"c~d": 2}\n    }\n  ]\n}';

    const lines = locatePointers(text, [
      '',
      '/Resources/0',
      '/Resources/1',
      '/Resources/1/a~1b/c~0d',
      '/nope',
    ]);

    expect(Object.fromEntries(lines)).toEqual({
      '': 1,
      '/Resources/0': 3,
      '/Resources/1': 4,
      '/Resources/1/a~1b/c~0d': 5,
    });
  });
});

describe('positionAt', () => {
  it('counts lines and columns from 1', () => {
    expect(positionAt('ab\ncd', 4)).toEqual({ offset: 4, line: 2, column: 2 });
  });
});
