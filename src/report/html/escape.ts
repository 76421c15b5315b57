/**
 * Escapes text for HTML element content and quoted attribute values.
 * Catalogue content is written by many people and lands in a page that a
 * reviewer opens locally, so every value goes through here.
 */
export function escapeHtml(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A fragment id safe for `id=` and `href="#…"`, derived from any text. */
export function anchorId(prefix: string, value: string): string {
  return `${prefix}-${value.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
