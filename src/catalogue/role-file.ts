import type {
  Audience,
  Finding,
  MembershipCriterion,
  Role,
  RoleEvidence,
} from '../model/index.ts';
import { builtinSchema } from './schemas.ts';
import { validateSource } from './schema-findings.ts';
import type { YamlSource } from './yaml-source.ts';

/** The role file as written on disk (snake_case), after schema checks. */
interface RawRole {
  id: string;
  title: string;
  description?: string;
  audience: Audience;
  owners: string[];
  entitlements: string[];
  membership?: {
    identities?: string[];
    criteria?: Record<string, string | string[]>[];
  };
  review?: { last_reviewed?: string; next_review?: string };
  labels?: string[];
  evidence?: RoleEvidence;
}

export interface ParsedRole {
  role?: Role;
  findings: Finding[];
}

/** Validates a role file and maps it to the model. */
export function parseRoleSource(source: YamlSource): ParsedRole {
  const findings = validateSource(builtinSchema('role'), source);
  if (findings.length > 0) return { findings };
  const raw = source.data as RawRole;
  const expectedName = `${raw.id}.yaml`;
  const baseName = source.file.split('/').pop() ?? source.file;
  if (baseName !== expectedName) {
    const at = source.locate('/id');
    findings.push({
      code: 'role.id-mismatch',
      severity: 'error',
      file: source.file,
      path: '/id',
      ...(at && { line: at.line, column: at.column }),
      message: `role id "${raw.id}" does not match the file name "${baseName}"`,
      hint: `rename the file to ${expectedName} or change the id`,
      subject: { role: raw.id },
    });
  }
  return { role: toRole(raw), findings };
}

export function toRole(raw: RawRole): Role {
  return {
    id: raw.id,
    title: raw.title,
    description: raw.description ?? '',
    owners: raw.owners,
    audience: raw.audience,
    entitlements: raw.entitlements,
    membership: {
      identities: raw.membership?.identities ?? [],
      criteria: (raw.membership?.criteria ?? []).map(toCriteria),
    },
    review: {
      ...(raw.review?.last_reviewed !== undefined && {
        lastReviewed: raw.review.last_reviewed,
      }),
      ...(raw.review?.next_review !== undefined && {
        nextReview: raw.review.next_review,
      }),
    },
    labels: raw.labels ?? [],
    ...(raw.evidence !== undefined && { evidence: raw.evidence }),
  };
}

function toCriteria(
  entry: Record<string, string | string[]>,
): MembershipCriterion[] {
  return Object.entries(entry).map(([attribute, value]) => ({
    attribute,
    values: Array.isArray(value) ? value : [value],
  }));
}
