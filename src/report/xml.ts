// Characters outside the XML 1.0 `Char` production make the whole
// document unreadable, so they are dropped rather than escaped. With the
// `u` flag a lone surrogate is its own code point and is dropped too.
const ILLEGAL_IN_XML =
  /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Parsers normalise raw whitespace in attributes and raw `\r` in text;
  // character references survive that.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Text content of an element. */
export function escapeXmlText(text: string): string {
  return text.replace(ILLEGAL_IN_XML, '').replace(/[&<>"'\r]/g, toEntity);
}

/** A double- or single-quoted attribute value. */
export function escapeXmlAttribute(text: string): string {
  return text.replace(ILLEGAL_IN_XML, '').replace(/[&<>"'\t\n\r]/g, toEntity);
}

function toEntity(char: string): string {
  return ENTITIES[char] ?? char;
}
