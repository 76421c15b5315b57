import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { inputError } from '../errors.ts';
import { isAwsAuthorizationDetails, readAwsIam } from './aws/aws-iam.ts';
import { isCsvInventory, readCsvInventory } from './csv/csv-inventory.ts';
import type { K8sGroupMembership } from './k8s/k8s-group-map.ts';
import { isK8sGroupMapFile, readK8sGroupMap } from './k8s/k8s-group-map.ts';
import type { K8sGroupBinding } from './k8s/k8s-rbac.ts';
import { isK8sManifestSource, readK8sRbac } from './k8s/k8s-rbac.ts';
import { readPairFile } from './pair-file.ts';
import { isScimSource, readScim } from './scim/scim.ts';
import type { ReaderOptions, ReadResult } from './reader.ts';

/**
 * What a format's read gives. Kubernetes Group subjects and the group
 * mapping that expands them come from separate sources, so both travel
 * up to `readInventories`, which joins them once everything is merged.
 */
export interface SourceReadResult extends ReadResult {
  groupBindings?: K8sGroupBinding[];
  memberships?: K8sGroupMembership[];
}

/** An inventory format rolesmith can read. */
export interface SourceFormat {
  name: string;
  summary: string;
  /** True when `path` looks like this format (cheap: names and a peek). */
  detect(path: string): Promise<boolean>;
  read(path: string, options: ReaderOptions): Promise<SourceReadResult>;
  /**
   * False for sources that are not files (`github:<org>`): the part after
   * the prefix is passed as it is, and the format is never detected.
   */
  takesPath?: false;
}

const isFile = async (path: string) =>
  (await stat(path).catch(() => undefined))?.isFile() === true;

/**
 * Formats in detection order: the most specific sniffers first, the pair
 * format (any text file) last.
 */
export const SOURCE_FORMATS: SourceFormat[] = [
  {
    name: 'csv',
    summary: "rolesmith's CSV folder: identities, entitlements, assignments",
    detect: isCsvInventory,
    read: readCsvInventory,
  },
  {
    name: 'aws',
    summary: 'AWS IAM `get-account-authorization-details` JSON',
    detect: isAwsAuthorizationDetails,
    read: readAwsIam,
  },
  {
    name: 'scim',
    summary: 'SCIM 2.0 ListResponse, or a folder of Users and Groups',
    detect: isScimSource,
    read: readScim,
  },
  {
    name: 'k8s',
    summary: 'Kubernetes RBAC manifests (a YAML file or a folder)',
    detect: isK8sManifestSource,
    read: readK8sRbac,
  },
  {
    name: 'k8s-groups',
    summary:
      'Kubernetes group members: CSV "group,member" or YAML group: [members]',
    detect: isK8sGroupMapFile,
    read: readK8sGroupMap,
  },
  {
    name: 'pairs',
    summary:
      'one "identity entitlement" pair per line (HP Labs benchmark format)',
    detect: isFile,
    read: readPairFile,
  },
];

export interface SourceSpec {
  format: SourceFormat;
  path: string;
}

/**
 * Resolves `[format:]path`. Without a prefix the format is detected; with
 * one (`csv:./hr`, `aws:authz.json`) it is taken as given.
 */
export async function resolveSource(
  spec: string,
  cwd: string,
  formats: SourceFormat[] = SOURCE_FORMATS,
): Promise<SourceSpec> {
  const colon = spec.indexOf(':');
  if (colon > 0) {
    const name = spec.slice(0, colon);
    const format = formats.find((f) => f.name === name);
    if (format?.takesPath === false) {
      return { format, path: spec.slice(colon + 1) };
    }
    if (format !== undefined) {
      return { format, path: resolve(cwd, spec.slice(colon + 1)) };
    }
  }
  const path = resolve(cwd, spec);
  if ((await stat(path).catch(() => undefined)) === undefined) {
    throw inputError('the inventory source does not exist', {
      file: spec,
      expected:
        'a file or folder, optionally prefixed by its format ' +
        `(${formatNames(formats)}), e.g. csv:./hr-export`,
    });
  }
  for (const format of formats) {
    if (format.takesPath === false) continue;
    if (await format.detect(path)) return { format, path };
  }
  throw inputError('cannot tell which inventory format this is', {
    file: spec,
    expected: `a prefix naming the format: ${formatNames(formats)}`,
  });
}

function formatNames(formats: SourceFormat[]): string {
  return formats.map((f) => f.name).join(', ');
}
