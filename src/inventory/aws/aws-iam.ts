import { inputError, truncate } from '../../errors.ts';
import type {
  Assignment,
  AssignmentSource,
  Entitlement,
} from '../../model/index.ts';
import type { ReaderOptions, ReadResult, SkippedRecord } from '../reader.ts';
import { InventoryBuilder } from '../inventory-builder.ts';
import { pointer, readHead, readJsonFile } from '../json-file.ts';
import { isObject, RecordReporter, typeOf } from '../record-checks.ts';
import { readGroups } from './aws-groups.ts';
import type { AwsGroup } from './aws-groups.ts';
import { PolicyCatalogue } from './aws-policies.ts';
import type { AwsRole, AwsUser } from './aws-principals.ts';
import { parseRole, parseUser } from './aws-principals.ts';

const SOURCE = 'aws-iam';
const LISTS = [
  'UserDetailList',
  'GroupDetailList',
  'RoleDetailList',
  'Policies',
] as const;
const EXPECTED =
  'the JSON that `aws iam get-account-authorization-details` prints, with ' +
  'UserDetailList, GroupDetailList, RoleDetailList and Policies';

/**
 * Reads an `aws iam get-account-authorization-details` export. Users are
 * people (unless named like machines), roles are machine identities;
 * managed policies, inline policies and groups are entitlements.
 */
export async function readAwsIam(
  path: string,
  options: ReaderOptions,
): Promise<ReadResult> {
  const file = options.label ?? path;
  const json = await readJsonFile(path, file);
  const lists = topLevelLists(json.value, file);
  if (isObject(json.value) && json.value.IsTruncated === true) {
    options.logger.warn('the AWS export is one page of a longer list', {
      file,
      marker: json.value.Marker,
    });
  }

  const builder = new InventoryBuilder();
  const skipped: SkippedRecord[] = [];
  const reporter = new RecordReporter(options, skipped, json);
  builder.addSource({ source: SOURCE, file, sha256: json.sha256 });

  // Policies first, so attachments find their documents' risk.
  const catalogue = new PolicyCatalogue(builder, reporter);
  catalogue.addManagedPolicies(lists.Policies);
  const groups = readGroups(
    reporter,
    lists.GroupDetailList,
    catalogue,
    builder,
  );
  const total = lists.UserDetailList.length + lists.RoleDetailList.length;
  let done = 0;
  const tick = () => {
    if (++done % 1000 === 0)
      options.logger.progress('reading AWS IAM principals', done, total);
  };

  lists.UserDetailList.forEach((raw, index) => {
    tick();
    const user = parseUser(reporter, raw, pointer('/UserDetailList', index));
    if (user !== undefined && add(reporter, builder, user)) {
      grantOwn(builder, catalogue, user, file);
      grantGroups(reporter, builder, groups, user, file);
    }
  });
  lists.RoleDetailList.forEach((raw, index) => {
    tick();
    const role = parseRole(reporter, raw, pointer('/RoleDetailList', index));
    if (role !== undefined && add(reporter, builder, role))
      grantOwn(builder, catalogue, role, file);
  });

  reporter.finish();
  return { inventory: builder.build(), skipped };
}

/** The four lists; a missing `UserDetailList` means this is no such export. */
function topLevelLists(
  value: unknown,
  file: string,
): Record<(typeof LISTS)[number], unknown[]> {
  if (!isObject(value)) {
    throw inputError(`the document is ${typeOf(value)}, not an object`, {
      file,
      expected: EXPECTED,
    });
  }
  if (value.UserDetailList === undefined) {
    throw inputError('UserDetailList is missing', {
      file,
      path: '',
      expected: EXPECTED,
    });
  }
  const lists: Record<(typeof LISTS)[number], unknown[]> = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  };
  for (const key of LISTS) {
    const list = value[key] ?? [];
    if (!Array.isArray(list)) {
      throw inputError(`${key} is ${typeOf(list)}, not an array`, {
        file,
        path: `/${key}`,
        expected: EXPECTED,
      });
    }
    lists[key] = list;
  }
  return lists;
}

function add(
  reporter: RecordReporter,
  builder: InventoryBuilder,
  principal: AwsUser | AwsRole,
): boolean {
  if (builder.addIdentity(principal.identity)) return true;
  reporter.report(
    principal.path,
    `ARN ${truncate(principal.arn)} is listed twice`,
    'each user and role ARN once',
  );
  return false;
}

/** Policies attached to or embedded in the principal itself. */
function grantOwn(
  builder: InventoryBuilder,
  catalogue: PolicyCatalogue,
  principal: AwsUser | AwsRole,
  file: string,
): void {
  const lastUsedAt =
    'lastUsedAt' in principal ? principal.lastUsedAt : undefined;
  const grant = (entitlement: Entitlement, path: string) => {
    builder.addAssignment({
      ...assignment(principal.arn, entitlement, 'direct', file, path),
      // Role-level: AWS records when the role was assumed, not which policy it used.
      ...(lastUsedAt !== undefined && { lastUsedAt }),
    });
  };
  for (const attachment of principal.attachments)
    grant(catalogue.managed(attachment), attachment.path);
  for (const policy of principal.inline)
    grant(catalogue.inline(principal.arn, policy), policy.path);
}

/** Membership holds the group itself and, through it, the group's policies. */
function grantGroups(
  reporter: RecordReporter,
  builder: InventoryBuilder,
  groups: Map<string, AwsGroup>,
  user: AwsUser,
  file: string,
): void {
  for (const { name, path } of user.groups) {
    const group = groups.get(name);
    if (group === undefined) {
      reporter.report(
        path,
        `group ${truncate(name)} is not in GroupDetailList`,
        'the GroupName of a group in the same export',
      );
      continue;
    }
    builder.addAssignment(
      assignment(user.arn, group.entitlement, 'direct', file, path),
    );
    for (const policy of group.policies) {
      builder.addAssignment(assignment(user.arn, policy, 'group', file, path));
    }
  }
}

function assignment(
  identity: string,
  entitlement: Entitlement,
  source: AssignmentSource,
  file: string,
  path: string,
): Assignment {
  return {
    identity,
    entitlement: entitlement.id,
    source,
    provenance: { source: SOURCE, file, path },
  };
}

/**
 * Whether `path` looks like such an export, from its first bytes: a JSON
 * object whose first key is one of the export's lists.
 */
export async function isAwsAuthorizationDetails(
  path: string,
): Promise<boolean> {
  const head = (await readHead(path)).replace(/^\uFEFF/, '');
  const first = /^\s*\{\s*"([A-Za-z]+)"\s*:/.exec(head)?.[1];
  if (
    first === 'UserDetailList' ||
    first === 'GroupDetailList' ||
    first === 'RoleDetailList'
  )
    return true;
  // `aws iam list-policies` also starts with Policies; look for a detail list.
  return (
    first === 'Policies' && /"(?:User|Group|Role)DetailList"\s*:/.test(head)
  );
}
