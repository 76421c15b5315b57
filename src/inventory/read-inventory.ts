import { inputError, isRolesmithError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { expandK8sGroups } from './k8s/k8s-group-expand.ts';
import type { K8sGroupMembership } from './k8s/k8s-group-map.ts';
import type { K8sGroupBinding } from './k8s/k8s-rbac.ts';
import type { IdentityMapping, MergeResult } from './merge.ts';
import { mergeInventories } from './merge.ts';
import type { OnBadRecord, SkippedRecord } from './reader.ts';
import type { SourceReadResult, SourceSpec } from './sources.ts';
import type { SourceFormat } from './sources.ts';
import { resolveSource, SOURCE_FORMATS } from './sources.ts';

export interface ReadInventoriesOptions {
  logger: Logger;
  /** Relative paths are resolved against this folder. */
  cwd: string;
  onBadRecord?: OnBadRecord;
  mappings?: IdentityMapping[];
  /** Formats the caller adds (the CLI adds GitHub, which needs a client). */
  extraFormats?: SourceFormat[];
}

export interface InventoryRead extends MergeResult {
  skipped: SkippedRecord[];
  /** Format chosen for each source, in the order given. */
  formats: { spec: string; format: string }[];
}

/** Reads every source (`[format:]path`) and merges them into one. */
export async function readInventories(
  specs: string[],
  options: ReadInventoriesOptions,
): Promise<InventoryRead> {
  const mappings = options.mappings ?? [];
  warnUnknownSources(specs, mappings, options.logger);

  const parts = [];
  const skipped: SkippedRecord[] = [];
  const formats: InventoryRead['formats'] = [];
  const groupBindings: K8sGroupBinding[] = [];
  const memberships: K8sGroupMembership[] = [];
  for (const spec of specs) {
    const source = await resolveSource(spec, options.cwd, [
      ...(options.extraFormats ?? []),
      ...SOURCE_FORMATS,
    ]);
    options.logger.info(`reading ${source.path} (${source.format.name})`);
    const result = await readSource(spec, source, options);
    parts.push({ label: spec, inventory: result.inventory });
    skipped.push(...result.skipped);
    formats.push({ spec, format: source.format.name });
    groupBindings.push(...(result.groupBindings ?? []));
    memberships.push(...(result.memberships ?? []));
  }
  const merged = mergeInventories(parts, mappings);
  if (memberships.length === 0) return { ...merged, skipped, formats };
  // A mapping applies to every Kubernetes source of the read, in any order.
  const expanded = expandK8sGroups({
    inventory: merged.inventory,
    correlations: merged.correlations,
    mappings,
    bindings: groupBindings,
    memberships,
    logger: options.logger,
  });
  const inventory = {
    ...merged.inventory,
    assignments: [...merged.inventory.assignments, ...expanded],
  };
  return { ...merged, inventory, skipped, formats };
}

async function readSource(
  spec: string,
  { format, path }: SourceSpec,
  options: ReadInventoriesOptions,
): Promise<SourceReadResult> {
  try {
    return await format.read(path, {
      logger: options.logger,
      onBadRecord: options.onBadRecord ?? 'stop',
      label: spec,
    });
  } catch (error) {
    // A folder given to a file format, or a file without read permission,
    // is bad input (exit 2), not a crash of rolesmith.
    if (isRolesmithError(error) || !isSystemError(error)) throw error;
    throw inputError(`cannot read the inventory source (${error.code})`, {
      file: spec,
      expected: `what the ${format.name} format reads: ${format.summary}`,
      cause: error,
    });
  }
}

// A mapping row for a source that is not given is silently inert, which
// usually means the source was spelt differently on the command line.
function warnUnknownSources(
  specs: string[],
  mappings: IdentityMapping[],
  logger: Logger,
): void {
  const given = new Set(specs);
  const named = new Set(mappings.map((m) => m.source));
  for (const source of named) {
    if (source === undefined || given.has(source)) continue;
    logger.warn('the identity map names a source that was not given', {
      source,
      given: specs.join(' '),
    });
  }
}

function isSystemError(error: unknown): error is { code: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    /^E[A-Z]+$/.test(error.code)
  );
}
