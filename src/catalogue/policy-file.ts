import type {
  Finding,
  IdentityKind,
  PolicySet,
  RiskSeverity,
  SodOutcome,
} from '../model/index.ts';
import { builtinSchema } from './schemas.ts';
import { validateSource } from './schema-findings.ts';
import type { YamlSource } from './yaml-source.ts';

interface RawPolicy {
  owners?: string[];
  functions?: { id: string; title: string; entitlements: string[] }[];
  risks?: {
    id: string;
    title: string;
    severity: RiskSeverity;
    owner: string;
    rationale: string;
    functions: string[];
    scope?: { kinds?: IdentityKind[]; systems?: string[] };
    outcome: SodOutcome;
  }[];
  role_sets?: {
    id: string;
    title: string;
    roles: string[];
    cardinality: number;
    owner: string;
    outcome?: SodOutcome;
  }[];
  mitigations?: {
    id: string;
    risk: string;
    identity?: string;
    role?: string;
    control: string;
    owner: string;
    reason: string;
    expires: string;
  }[];
  least_privilege?: {
    max_entitlements_per_role?: number;
    forbidden_for_machine?: string[];
    forbidden_for_human?: string[];
    critical?: string[];
    critical_min_owners?: number;
    max_review_days?: number;
    role_schema?: string;
  };
}

/** A reference from least_privilege.role_schema to a schema file. */
export interface RoleSchemaRef {
  /** Repository-relative path of the schema file. */
  file: string;
  from: string;
}

/**
 * Validates one policy file and merges it into `into`. Duplicate ids
 * across files are reported here because only this step sees every file.
 */
export function mergePolicySource(
  source: YamlSource,
  into: PolicySet,
): { findings: Finding[]; roleSchema?: RoleSchemaRef } {
  const findings = validateSource(builtinSchema('policy'), source);
  if (findings.length > 0) return { findings };
  const raw = source.data as RawPolicy;
  const file = source.file;

  const claim = (kind: string, id: string, path: string): boolean => {
    const key = `${kind}:${id}`;
    const first = into.origins[key];
    if (first !== undefined) {
      const at = source.locate(path);
      findings.push({
        code: 'policy.duplicate-id',
        severity: 'error',
        file,
        path,
        ...(at && { line: at.line, column: at.column }),
        message: `${kind} id "${id}" is already declared in ${first.file}`,
        hint: 'policy ids are unique across all policy files; rename one',
      });
      return false;
    }
    into.origins[key] = { file, path };
    return true;
  };

  for (const owner of raw.owners ?? []) {
    if (!into.owners.includes(owner)) into.owners.push(owner);
  }
  raw.functions?.forEach((fn, i) => {
    if (claim('function', fn.id, `/functions/${i}`)) into.functions.push(fn);
  });
  raw.risks?.forEach((risk, i) => {
    if (!claim('risk', risk.id, `/risks/${i}`)) return;
    into.risks.push({
      ...risk,
      scope: {
        kinds: risk.scope?.kinds ?? [],
        systems: risk.scope?.systems ?? [],
      },
    });
  });
  raw.role_sets?.forEach((set, i) => {
    if (!claim('role-set', set.id, `/role_sets/${i}`)) return;
    into.roleSets.push({ ...set, outcome: set.outcome ?? 'block' });
  });
  raw.mitigations?.forEach((mitigation, i) => {
    if (claim('mitigation', mitigation.id, `/mitigations/${i}`)) {
      into.mitigations.push(mitigation);
    }
  });

  const lp = raw.least_privilege;
  if (lp === undefined) return { findings };
  if (!claim('least-privilege', 'rules', '/least_privilege')) {
    return { findings };
  }
  into.origins['least-privilege'] = { file, path: '/least_privilege' };
  into.leastPrivilege = {
    forbiddenForMachine: lp.forbidden_for_machine ?? [],
    forbiddenForHuman: lp.forbidden_for_human ?? [],
    critical: lp.critical ?? [],
    ...(lp.max_entitlements_per_role !== undefined && {
      maxEntitlementsPerRole: lp.max_entitlements_per_role,
    }),
    ...(lp.max_review_days !== undefined && {
      maxReviewDays: lp.max_review_days,
    }),
    ...(lp.critical_min_owners !== undefined && {
      criticalMinOwners: lp.critical_min_owners,
    }),
  };
  if (lp.role_schema === undefined) return { findings };
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  return {
    findings,
    roleSchema: {
      file: normalise(dir === '' ? lp.role_schema : `${dir}/${lp.role_schema}`),
      from: file,
    },
  };
}

/** Resolves `.` and `..` without ever leaving the repository root. */
function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
