/**
 * Positions of JSON Pointers read straight off the lines of block-style
 * YAML, the layout role-writer produces and people write. A full
 * `parseDocument` per file costs seconds over a mined catalogue, and most
 * findings only need a line.
 *
 * It must give exactly what yaml-source's `locatePointer` gives: the start
 * of the value node (a mapping starts at its first key, a block scalar at
 * its `|` or `>`, a quoted scalar at its quote), falling back to the
 * nearest parent. Whatever it cannot read with certainty makes it answer
 * "don't know" (undefined), so that the careful parser answers instead:
 * for the whole file when the layout itself is in doubt (tabs, anchors,
 * tags, directives, complex keys, flow collections over several lines),
 * for one pointer when only a part is (empty values, inside flow
 * collections).
 */

import { LineReader } from './yaml-outline-reader.ts';
import type { LineColumn, YamlOutline } from './yaml-outline-syntax.ts';
import {
  AWKWARD_CHARACTERS,
  LOOSE_TAB,
  Unsupported,
} from './yaml-outline-syntax.ts';

export type {
  LineColumn,
  OutlineEntry,
  YamlOutline,
} from './yaml-outline-syntax.ts';

/** The outline of a file, or undefined when the file is not for us. */
export function outlineYaml(text: string): YamlOutline | undefined {
  if (AWKWARD_CHARACTERS.test(text) || LOOSE_TAB.test(text)) return undefined;
  try {
    return new LineReader(text.split('\n')).root();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/**
 * Mirrors `locatePointer` step by step (the same segment splitting, the
 * first equal key, `Number(segment)` as the index); undefined means
 * "don't know", never "not there".
 */
export function locateInOutline(
  outline: YamlOutline,
  pointer: string,
): LineColumn | undefined {
  if (outline.kind !== 'map' && outline.kind !== 'seq') return undefined;
  const segments =
    pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointer);
  let node: YamlOutline = outline;
  let best: LineColumn = outline.at;
  for (const segment of segments) {
    let next: YamlOutline | undefined;
    if (node.kind === 'map') {
      next = node.entries.find((entry) => entry.key === segment)?.value;
    } else if (node.kind === 'seq') {
      next = node.items[Number(segment)];
    } else if (node.kind === 'leaf') {
      break;
    } else {
      return undefined;
    }
    if (next === undefined) break;
    if (next.kind === 'empty') return undefined;
    node = next;
    best = next.at;
  }
  return best;
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}
