import type { Finding } from '../model/index.ts';
import type { YamlSource } from './yaml-source.ts';

/**
 * Checks know files and JSON paths but not lines; this fills in the line
 * and column from the parsed sources so every finding points somewhere.
 */
export function placeFindings(
  findings: Finding[],
  sources: ReadonlyMap<string, YamlSource>,
): Finding[] {
  return findings.map((finding) => {
    if (finding.line !== undefined || finding.file === undefined) {
      return finding;
    }
    const source = sources.get(finding.file);
    const position = source?.locate(finding.path ?? '');
    if (position === undefined) return finding;
    return { ...finding, line: position.line, column: position.column };
  });
}
