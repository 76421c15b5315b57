import { describe, expect, it } from 'vitest';
import { parseQuotedRecord } from './csv-quoted.ts';

describe('parseQuotedRecord', () => {
  it.each([
    {
      name: 'reads a quoted field with a comma',
      text: 'u1,"Doe, Jane",x\nnext\n',
      fields: ['u1', 'Doe, Jane', 'x'],
      lines: 1,
      rest: 'next\n',
    },
    {
      name: 'turns doubled quotes into one',
      text: '"say ""hi""",b\n',
      fields: ['say "hi"', 'b'],
      lines: 1,
      rest: '',
    },
    {
      name: 'keeps line breaks inside quotes and counts them',
      text: 'a,"line 1\nline 2\r\nline 3",c\nnext\n',
      fields: ['a', 'line 1\nline 2\r\nline 3', 'c'],
      lines: 3,
      rest: 'next\n',
    },
    {
      name: 'reads an empty quoted field and a CRLF line end',
      text: '"",b,"c"\r\nnext\r\n',
      fields: ['', 'b', 'c'],
      lines: 1,
      rest: 'next\r\n',
    },
    {
      name: 'drops blanks outside quotes, keeps them inside',
      text: ' a , " b " ,c \n',
      fields: ['a', ' b ', 'c'],
      lines: 1,
      rest: '',
    },
    {
      name: 'reads the last record of a text without a final line break',
      text: 'a,"b"',
      fields: ['a', 'b'],
      lines: 1,
      rest: '',
    },
  ])('$name', ({ text, fields, lines, rest }) => {
    const result = parseQuotedRecord(text, 0);

    expect(result).toMatchObject({ kind: 'record', fields, lines });
    expect(text.slice(result.kind === 'record' ? result.next : 0)).toBe(rest);
  });

  it.each([
    {
      name: 'rejects text after a closing quote',
      text: '"a"b,c\nnext\n',
      message: 'unexpected text after a closing double quote',
    },
    {
      name: 'rejects a quote inside an unquoted field',
      text: 'a,5" disk,"c"\nnext\n',
      message: 'a double quote inside an unquoted field',
    },
    {
      name: 'rejects a lone carriage return after a closing quote',
      text: '"a"\rb\nnext\n',
      message: 'unexpected text after a closing double quote',
    },
  ])('$name and resumes on the next line', ({ text, message }) => {
    const result = parseQuotedRecord(text, 0);

    expect(result).toMatchObject({ kind: 'malformed', message, lines: 1 });
    if (result.kind === 'malformed') {
      expect(text.slice(result.next)).toBe('next\n');
    }
  });

  it('asks for more text when a quoted field is still open', () => {
    expect(parseQuotedRecord('a,"open\nstill open\n', 0)).toEqual({
      kind: 'incomplete',
    });
  });

  it('starts at the given offset', () => {
    const text = 'skip me\n"x",y\n';

    expect(parseQuotedRecord(text, 8)).toEqual({
      kind: 'record',
      fields: ['x', 'y'],
      next: text.length,
      lines: 1,
    });
  });
});
