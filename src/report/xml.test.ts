import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, escapeXmlText } from './xml.ts';

describe('escapeXmlText', () => {
  it.each([
    ['plain text', 'plain text'],
    [
      `a & b < c > d "e" 'f'`,
      'a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;',
    ],
    ['&amp;', '&amp;amp;'],
    ['line\nbreak\ttab', 'line\nbreak\ttab'],
    ['cr\r\nlf', 'cr&#13;\nlf'],
    ['nul\u0000 esc\u001b bell\u0007', 'nul esc bell'],
    ['non-chars \ufffe\uffff', 'non-chars '],
    ['lone \ud800surrogate', 'lone surrogate'],
    ['kept: é 😀 \u0085', 'kept: é 😀 \u0085'],
  ])('escapes %j', (input, expected) => {
    expect(escapeXmlText(input)).toBe(expected);
  });
});

describe('escapeXmlAttribute', () => {
  it.each([
    ['say "hi" & <go>', 'say &quot;hi&quot; &amp; &lt;go&gt;'],
    ['one\ntwo\tthree\r', 'one&#10;two&#9;three&#13;'],
    ['esc\u001b', 'esc'],
  ])('escapes %j', (input, expected) => {
    expect(escapeXmlAttribute(input)).toBe(expected);
  });
});
