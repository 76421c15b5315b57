import type { Entitlement } from '../../model/index.ts';
import { riskRank } from '../../model/index.ts';
import { truncate } from '../../errors.ts';
import type { InventoryBuilder } from '../inventory-builder.ts';
import { pointer } from '../json-file.ts';
import type { RecordReporter } from '../record-checks.ts';
import type { PolicyCatalogue } from './aws-policies.ts';
import { readPrincipal } from './aws-principals.ts';

/** A group: its own entitlement and the policies membership brings. */
export interface AwsGroup {
  entitlement: Entitlement;
  policies: Entitlement[];
}

/**
 * Reads `GroupDetailList`. Each group is an entitlement `aws:<GroupArn>`
 * (membership is what an administrator grants) whose risk is the highest
 * of the policies it brings. Keyed by name, as users' `GroupList` is.
 */
export function readGroups(
  reporter: RecordReporter,
  list: readonly unknown[],
  catalogue: PolicyCatalogue,
  builder: InventoryBuilder,
): Map<string, AwsGroup> {
  const groups = new Map<string, AwsGroup>();
  list.forEach((raw, index) => {
    const path = pointer('/GroupDetailList', index);
    const group = readPrincipal(reporter, raw, path, 'Group');
    if (group === undefined) return;
    if (groups.has(group.name)) {
      reporter.report(
        path,
        `group ${truncate(group.name)} is listed twice`,
        'each GroupName once',
      );
      return;
    }
    const policies = [
      ...group.attachments.map((a) => catalogue.managed(a)),
      ...group.inline.map((p) => catalogue.inline(group.arn, p)),
    ];
    const flagged = policies
      .filter((p) => p.risk === 'critical' || p.risk === 'high')
      .sort((a, b) => riskRank(b.risk) - riskRank(a.risk));
    const top = flagged[0]?.risk;
    const description = flagged
      .map((p) => `grants ${p.risk ?? ''} access through ${p.name ?? p.id}`)
      .join('; ');
    const entitlement = builder.ensureEntitlement({
      id: `aws:${group.arn}`,
      system: 'aws',
      name: group.name,
      ...(description !== '' && {
        description: description.charAt(0).toUpperCase() + description.slice(1),
      }),
      ...(top !== undefined && { risk: top }),
      provenance: [{ source: 'aws-iam', file: reporter.file, path }],
    });
    groups.set(group.name, { entitlement, policies });
  });
  return groups;
}
