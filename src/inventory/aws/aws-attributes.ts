import { pointer } from '../json-file.ts';
import type { JsonObject, RecordReporter } from '../record-checks.ts';
import { isObject, optionalArray, optionalString } from '../record-checks.ts';

/** Identity fields and mining attributes read from a user or role. */
export interface AwsAttributes {
  attributes: Record<string, string>;
  owner?: string;
  email?: string;
}

/**
 * Tag keys (snake_cased) that feed mining attributes directly, besides
 * being kept as `tag_<key>`. `owner` and `email` fill identity fields.
 */
const TAG_ATTRIBUTES: Record<string, string> = {
  department: 'department',
  division: 'division',
  team: 'team',
  title: 'title',
  location: 'location',
  manager: 'manager',
  cost_center: 'cost_center',
  cost_centre: 'cost_center',
  costcenter: 'cost_center',
};

/**
 * The attributes every IAM principal has: ARN, path, id, account,
 * creation time, permissions boundary and tags.
 */
export function readAttributes(
  reporter: RecordReporter,
  record: JsonObject,
  arn: string,
  idKey: string,
  base: string,
): AwsAttributes {
  const attributes: Record<string, string> = { arn };
  const account = /^arn:[^:]+:iam::(\d+):/.exec(arn)?.[1];
  if (account !== undefined) attributes.account = account;
  const copy = (
    key: string,
    attribute: string,
    transform = (v: string) => v,
  ) => {
    const value = optionalString(
      reporter,
      record[key],
      pointer(base, key),
      key,
    );
    if (value !== undefined && value !== '')
      attributes[attribute] = transform(value);
  };
  copy('Path', 'path');
  copy(idKey, 'aws_id');
  copy('CreateDate', 'created_at', isoTimestamp);

  const boundary = record.PermissionsBoundary;
  if (
    isObject(boundary) &&
    typeof boundary.PermissionsBoundaryArn === 'string'
  ) {
    attributes.permissions_boundary = boundary.PermissionsBoundaryArn;
  }
  return { ...readTags(reporter, record, base, attributes), attributes };
}

function readTags(
  reporter: RecordReporter,
  record: JsonObject,
  base: string,
  attributes: Record<string, string>,
): Omit<AwsAttributes, 'attributes'> {
  const path = pointer(base, 'Tags');
  const found: Omit<AwsAttributes, 'attributes'> = {};
  optionalArray(reporter, record.Tags, path, 'Tags').forEach((tag, index) => {
    if (
      !isObject(tag) ||
      typeof tag.Key !== 'string' ||
      typeof tag.Value !== 'string'
    ) {
      reporter.report(
        pointer(path, index),
        'the tag is not a Key and Value pair',
        'a tag such as {"Key": "Team", "Value": "payments"}',
      );
      return;
    }
    const key = snakeCase(tag.Key);
    if (key === '' || tag.Value === '') return;
    attributes[`tag_${key}`] = tag.Value;
    const attribute = TAG_ATTRIBUTES[key];
    if (attribute !== undefined) attributes[attribute] = tag.Value;
    if (key === 'owner') found.owner = tag.Value;
    if (key === 'email' || key === 'mail') found.email = tag.Value;
  });
  return found;
}

/** `CostCenter`, `cost-center` and `aws:cloudformation:stack-name` alike. */
export function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/** The export writes `2019-12-18 19:10:08+00:00`; ISO 8601 wants a `T`. */
export function isoTimestamp(value: string): string {
  return /^\d{4}-\d{2}-\d{2} \d/.test(value) ? value.replace(' ', 'T') : value;
}
