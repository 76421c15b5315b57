import { inputError } from '../errors.ts';
import type { RoleEvidence } from '../model/index.ts';
import type { EvidenceBlock } from './evidence.ts';
import { EVIDENCE_FORMAT } from './evidence.ts';

/** A place where a recorded evidence block departs from its format. */
export interface EvidenceProblem {
  /** JSON Pointer into the evidence block. */
  path: string;
  message: string;
}

/**
 * Checks an evidence block's shape. The JSON Schema that defines it is a
 * file (schemas/evidence.schema.json) and the core reads no files, so the
 * caller that read the role file passes the check in.
 */
export type EvidenceCheck = (evidence: unknown) => EvidenceProblem[];

export interface ReadEvidenceOptions {
  /** The role file, named in errors. */
  file?: string;
  check?: EvidenceCheck;
}

const EXPECTED =
  `an evidence block of format ${EVIDENCE_FORMAT} as rolesmith mine writes ` +
  'it (schemas/evidence.schema.json); re-mine the role, or remove the block ' +
  'to explain it as a hand-written role';

/**
 * The recorded evidence of a role file as a typed block. The format is
 * checked first: a block of another format may be well-formed in its
 * own terms, and saying so is clearer than listing every field it lacks.
 */
export function readEvidence(
  evidence: RoleEvidence,
  options: ReadEvidenceOptions = {},
): EvidenceBlock {
  const at = options.file === undefined ? {} : { file: options.file };
  const format = evidence['format'];
  if (format !== EVIDENCE_FORMAT) {
    const newer = typeof format === 'number' && format > EVIDENCE_FORMAT;
    throw inputError(
      typeof format === 'number'
        ? `evidence format ${format} is ${newer ? 'newer than' : 'not'} the ` +
            'format this rolesmith reads'
        : 'the evidence block has no format number',
      {
        ...at,
        path: '/evidence/format',
        expected: newer
          ? `format ${EVIDENCE_FORMAT}; explain the role with the rolesmith ` +
            `version that mined it (${versionOf(evidence)})`
          : EXPECTED,
      },
    );
  }
  const [first, ...more] = options.check?.(evidence) ?? [];
  if (first !== undefined) {
    const others =
      more.length === 0
        ? ''
        : ` (and ${more.length} more problem${more.length === 1 ? '' : 's'})`;
    throw inputError(
      `the evidence block is malformed: ${first.message}${others}`,
      { ...at, path: `/evidence${first.path}`, expected: EXPECTED },
    );
  }
  // Shape checked above, or by the caller that built the block.
  return evidence as unknown as EvidenceBlock;
}

function versionOf(evidence: RoleEvidence): string {
  const minedBy = evidence['mined_by'];
  const version =
    typeof minedBy === 'object' && minedBy !== null
      ? (minedBy as Record<string, unknown>)['version']
      : undefined;
  return typeof version === 'string'
    ? `mined_by.version ${version}`
    : 'see mined_by.version';
}
