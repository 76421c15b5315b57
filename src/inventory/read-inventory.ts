import type { Logger } from '../logger.ts';
import type { IdentityMapping, MergeResult } from './merge.ts';
import { mergeInventories } from './merge.ts';
import type { OnBadRecord, SkippedRecord } from './reader.ts';
import { resolveSource } from './sources.ts';

export interface ReadInventoriesOptions {
  logger: Logger;
  /** Relative paths are resolved against this folder. */
  cwd: string;
  onBadRecord?: OnBadRecord;
  mappings?: IdentityMapping[];
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
  const parts = [];
  const skipped: SkippedRecord[] = [];
  const formats: InventoryRead['formats'] = [];
  for (const spec of specs) {
    const { format, path } = await resolveSource(spec, options.cwd);
    options.logger.info(`reading ${path} (${format.name})`);
    const result = await format.read(path, {
      logger: options.logger,
      onBadRecord: options.onBadRecord ?? 'stop',
      label: spec,
    });
    parts.push({ label: spec, inventory: result.inventory });
    skipped.push(...result.skipped);
    formats.push({ spec, format: format.name });
  }
  const merged = mergeInventories(parts, options.mappings ?? []);
  return { ...merged, skipped, formats };
}
