import type { RiskLevel } from '../../model/index.ts';
import { riskRank } from '../../model/index.ts';
import type { JsonObject } from '../record-checks.ts';
import type { PolicyStatement } from './aws-policy-document.ts';
import { statementsOf } from './aws-policy-document.ts';

/** A risk level and the reasons for it, kept in the description. */
export interface RiskAssessment {
  risk?: RiskLevel;
  reasons: string[];
}

/**
 * Services whose full wildcard is as good as administrator: with every
 * IAM action a principal can grant itself anything.
 */
const ESCALATING_SERVICES = new Set(['iam']);

/**
 * AWS managed policies known to grant administrator-equivalent access,
 * flagged by name because exports often leave out AWS policy documents.
 */
const AWS_MANAGED_CRITICAL: Record<string, string> = {
  AdministratorAccess:
    'AWS managed AdministratorAccess grants full administrator access',
  IAMFullAccess: 'AWS managed IAMFullAccess can grant any permission to anyone',
  PowerUserAccess:
    'AWS managed PowerUserAccess allows every service but account and IAM management',
};

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/;

/**
 * Judges one policy document by its Allow statements on every resource
 * (`Resource: "*"` or any `NotResource`): every action or all but some
 * (`NotAction`) is critical, as is `iam:*`; any other `<service>:*` is
 * high. Conditions are not weighed: a reviewer should see these anyway.
 */
export function assessDocument(document: JsonObject): RiskAssessment {
  const assessments = statementsOf(document)
    .filter((s) => s.effect.toLowerCase() === 'allow' && onEveryResource(s))
    .map(assessStatement);
  return combine(...assessments);
}

function onEveryResource(statement: PolicyStatement): boolean {
  return (
    statement.notResources !== undefined || statement.resources.includes('*')
  );
}

function assessStatement(statement: PolicyStatement): RiskAssessment {
  const where = `(statement ${statement.label})`;
  if (statement.notActions !== undefined) {
    const except = statement.notActions.join(', ');
    return critical(
      `allows every action except ${except} on every resource ${where}`,
    );
  }
  const found: RiskAssessment[] = [];
  const services: string[] = [];
  for (const action of statement.actions) {
    const lower = action.toLowerCase();
    const service = /^([a-z0-9-]+):\*$/.exec(lower)?.[1];
    if (lower === '*' || lower === '*:*') {
      found.push(critical(`allows ${action} on every resource ${where}`));
    } else if (service !== undefined && ESCALATING_SERVICES.has(service)) {
      found.push(
        critical(
          `allows ${action} on every resource, so it can grant itself anything ${where}`,
        ),
      );
    } else if (service !== undefined) {
      services.push(action);
    }
  }
  if (services.length > 0) {
    found.push({
      risk: 'high',
      reasons: [`allows ${services.join(', ')} on every resource ${where}`],
    });
  }
  return combine(...found);
}

/**
 * Judges an AWS managed policy by its name. `hasDocument` says whether the
 * export held its document; without one, a `*FullAccess` name is taken as
 * a service wildcard.
 */
export function assessManagedName(
  arn: string,
  hasDocument: boolean,
): RiskAssessment {
  const name = AWS_MANAGED.exec(arn)?.[1];
  if (name === undefined) return { reasons: [] };
  const reason = AWS_MANAGED_CRITICAL[name];
  if (reason !== undefined) return critical(reason);
  if (!hasDocument && name.endsWith('FullAccess')) {
    return {
      risk: 'high',
      reasons: [
        `AWS managed ${name} is a full-access policy whose document the export leaves out`,
      ],
    };
  }
  return { reasons: [] };
}

/** The highest risk of several, with every reason in order, once. */
export function combine(...assessments: RiskAssessment[]): RiskAssessment {
  let risk: RiskLevel | undefined;
  const reasons: string[] = [];
  for (const assessment of assessments) {
    if (riskRank(assessment.risk) > riskRank(risk)) risk = assessment.risk;
    for (const reason of assessment.reasons) {
      if (!reasons.includes(reason)) reasons.push(reason);
    }
  }
  return risk === undefined ? { reasons } : { risk, reasons };
}

/** The description an assessed entitlement carries, if any. */
export function describeRisk(assessment: RiskAssessment): string | undefined {
  const text = assessment.reasons.join('; ');
  return text === '' ? undefined : text.charAt(0).toUpperCase() + text.slice(1);
}

function critical(reason: string): RiskAssessment {
  return { risk: 'critical', reasons: [reason] };
}
