import type { Entitlement } from '../../model/index.ts';
import { truncate } from '../../errors.ts';
import type { InventoryBuilder } from '../inventory-builder.ts';
import { pointer } from '../json-file.ts';
import type { JsonObject, RecordReporter } from '../record-checks.ts';
import {
  isObject,
  optionalArray,
  optionalString,
  requiredString,
  typeOf,
} from '../record-checks.ts';
import { decodePolicyDocument } from './aws-policy-document.ts';
import type { RiskAssessment } from './aws-policy-risk.ts';
import {
  assessDocument,
  assessManagedName,
  combine,
  describeRisk,
} from './aws-policy-risk.ts';

/** A managed policy attached to a user, group or role. */
export interface Attachment {
  arn: string;
  name?: string;
  path: string;
}

/** A policy embedded in one user, group or role. */
export interface InlinePolicy {
  name: string;
  document: JsonObject;
  path: string;
}

/**
 * The policies of one export as entitlements: managed policies keyed by
 * ARN (`aws:<PolicyArn>`), inline ones by owner (`aws:<owner ARN>/inline/<name>`).
 */
export class PolicyCatalogue {
  constructor(
    private readonly builder: InventoryBuilder,
    private readonly reporter: RecordReporter,
  ) {}

  /** Reads `Policies`, judging each by its default version. */
  addManagedPolicies(policies: readonly unknown[]): void {
    policies.forEach((raw, index) => {
      const path = pointer('/Policies', index);
      if (!isObject(raw)) {
        this.reporter.report(
          path,
          `the policy is ${typeOf(raw)}`,
          'a JSON object with Arn and PolicyName',
        );
        return;
      }
      const arn = requiredString(this.reporter, raw.Arn, path, 'Arn');
      if (arn === undefined) return;
      if (this.builder.findEntitlement(`aws:${arn}`) !== undefined) {
        this.reporter.report(
          path,
          `policy ${truncate(arn)} is listed twice`,
          'each policy ARN once',
        );
        return;
      }
      const name = optionalString(
        this.reporter,
        raw.PolicyName,
        pointer(path, 'PolicyName'),
        'PolicyName',
      );
      const document = this.defaultDocument(raw, path);
      const assessment = combine(
        document === undefined ? { reasons: [] } : assessDocument(document),
        assessManagedName(arn, document !== undefined),
      );
      this.builder.ensureEntitlement(
        this.entitlement(`aws:${arn}`, name ?? arn, assessment, path),
      );
    });
  }

  /** The entitlement of an attached managed policy, listed or not. */
  managed(attachment: Attachment): Entitlement {
    const id = `aws:${attachment.arn}`;
    const known = this.builder.findEntitlement(id);
    if (known !== undefined) return known;
    const assessment = assessManagedName(attachment.arn, false);
    const name = attachment.name ?? attachment.arn;
    return this.builder.ensureEntitlement(
      this.entitlement(id, name, assessment, attachment.path),
    );
  }

  /** The entitlement of an inline policy of the principal `ownerArn`. */
  inline(ownerArn: string, policy: InlinePolicy): Entitlement {
    const id = `aws:${ownerArn}/inline/${policy.name}`;
    const assessment = assessDocument(policy.document);
    return this.builder.ensureEntitlement(
      this.entitlement(id, policy.name, assessment, policy.path),
    );
  }

  private defaultDocument(
    policy: JsonObject,
    path: string,
  ): JsonObject | undefined {
    const versions = optionalArray(
      this.reporter,
      policy.PolicyVersionList,
      pointer(path, 'PolicyVersionList'),
      'PolicyVersionList',
    );
    const index = versions.findIndex(
      (v) =>
        isObject(v) &&
        (v.IsDefaultVersion === true ||
          (v.VersionId !== undefined &&
            v.VersionId === policy.DefaultVersionId)),
    );
    const version = versions[index];
    if (!isObject(version)) return undefined;
    const document = decodePolicyDocument(version.Document);
    if (document === undefined) {
      const at = pointer(path, 'PolicyVersionList', index, 'Document');
      this.reporter.report(
        at,
        'the policy document cannot be read',
        EXPECTED_DOCUMENT,
      );
    }
    return document;
  }

  private entitlement(
    id: string,
    name: string,
    assessment: RiskAssessment,
    path: string,
  ): Entitlement {
    const description = describeRisk(assessment);
    return {
      id,
      system: 'aws',
      name,
      ...(description !== undefined && { description }),
      ...(assessment.risk !== undefined && { risk: assessment.risk }),
      provenance: [{ source: 'aws-iam', file: this.reporter.file, path }],
    };
  }
}

/** `AttachedManagedPolicies` of a principal; bad entries are reported. */
export function readAttachments(
  reporter: RecordReporter,
  record: JsonObject,
  base: string,
): Attachment[] {
  const path = pointer(base, 'AttachedManagedPolicies');
  const list = optionalArray(
    reporter,
    record.AttachedManagedPolicies,
    path,
    'AttachedManagedPolicies',
  );
  const attachments: Attachment[] = [];
  list.forEach((raw, index) => {
    const at = pointer(path, index);
    const entry = isObject(raw) ? raw : {};
    const arn = requiredString(reporter, entry.PolicyArn, at, 'PolicyArn');
    if (arn === undefined) return;
    const name = optionalString(
      reporter,
      entry.PolicyName,
      pointer(at, 'PolicyName'),
      'PolicyName',
    );
    attachments.push({ arn, ...(name !== undefined && { name }), path: at });
  });
  return attachments;
}

/** Inline policies under `key` (`UserPolicyList`, `RolePolicyList`, …). */
export function readInlinePolicies(
  reporter: RecordReporter,
  record: JsonObject,
  key: string,
  base: string,
): InlinePolicy[] {
  const path = pointer(base, key);
  const policies: InlinePolicy[] = [];
  optionalArray(reporter, record[key], path, key).forEach((raw, index) => {
    const at = pointer(path, index);
    const entry = isObject(raw) ? raw : {};
    const name = requiredString(reporter, entry.PolicyName, at, 'PolicyName');
    if (name === undefined) return;
    const document = decodePolicyDocument(entry.PolicyDocument);
    if (document === undefined) {
      reporter.report(
        pointer(at, 'PolicyDocument'),
        'the policy document cannot be read',
        EXPECTED_DOCUMENT,
      );
      return;
    }
    policies.push({ name, document, path: at });
  });
  return policies;
}

const EXPECTED_DOCUMENT =
  'a policy document as a JSON object or URL-encoded JSON text, e.g. ' +
  '{"Version": "2012-10-17", "Statement": […]}';
