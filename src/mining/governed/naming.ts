/** Lower-case words joined by hyphens: `Accounts Payable` → `accounts-payable`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** FNV-1a over the text as 8 hex digits: stable, short, not secret. */
export function contentHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The proposed id of a role mined from an attribute group: its values
 * slugged in order, with the attribute names in front when the level is
 * not led by the primary attribute (`finance-accounts-payable-clerk`,
 * `location-berlin`).
 */
export function groupRoleName(
  attributes: readonly string[],
  values: readonly string[],
  primary: string | undefined,
): string {
  const parts = values.map(slugify);
  if (attributes[0] !== primary) parts.unshift(...attributes.map(slugify));
  return parts.filter((part) => part !== '').join('-');
}

/**
 * Makes ids unique in a deterministic way: roles come in sorted by
 * (proposed id, content key), and later holders of a taken id get
 * `-2`, `-3`, … in that order.
 */
export function uniqueIds(proposals: readonly string[]): string[] {
  const taken = new Set<string>();
  return proposals.map((proposal) => {
    let id = proposal;
    for (let n = 2; taken.has(id); n++) id = `${proposal}-${n}`;
    taken.add(id);
    return id;
  });
}
