import type { Finding } from '../model/index.ts';
import { builtinSchema } from './schemas.ts';
import { validateNode } from './schema-findings.ts';
import type { YamlSource } from './yaml-source.ts';

/**
 * Not `schema.*`: commands treat those as a file that cannot be read and
 * drops out of the catalogue. A role with a malformed evidence block still
 * grants exactly what it lists; only its provenance cannot be trusted.
 */
export const EVIDENCE_CODE = 'role.evidence-invalid';

const HINT =
  'the block rolesmith mine --write records ' +
  '(schemas/evidence.schema.json, docs/formats.md); re-mine the role, or ' +
  'remove the block if the role is hand-written';

/**
 * Checks a role file's evidence block against schemas/evidence.schema.json.
 * The role schema only asks for an object, so a hand-edited or truncated
 * block would otherwise pass `check` and mislead whoever reads it as the
 * record of how the role was mined. No block and `evidence: {}` are how
 * hand-written roles say they have none, and pass.
 */
export function evidenceFindings(source: YamlSource, role?: string): Finding[] {
  const evidence = evidenceOf(source.data);
  if (evidence === undefined || Object.keys(evidence).length === 0) return [];
  return validateNode(
    builtinSchema('evidence'),
    source,
    { pointer: '/evidence', value: evidence },
    EVIDENCE_CODE,
  ).map((finding) => ({
    ...finding,
    hint: HINT,
    ...(role !== undefined && { subject: { role } }),
  }));
}

/** The block when it is a mapping; any other value breaks the role schema. */
function evidenceOf(data: unknown): Record<string, unknown> | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return undefined;
  }
  const evidence = (data as Record<string, unknown>)['evidence'];
  if (typeof evidence !== 'object' || evidence === null) return undefined;
  if (Array.isArray(evidence)) return undefined;
  return evidence as Record<string, unknown>;
}
