import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RolesmithError } from '../errors.ts';
import { readInventories } from '../inventory/read-inventory.ts';
import type { Inventory } from '../model/index.ts';
import type { CommandContext } from './command.ts';
import { githubSourceFormat } from './github-source.ts';

/**
 * The catalogue folder a command was pointed at, made absolute; a path
 * that is not a folder is bad input (exit 2) before anything is read.
 */
export async function catalogueFolder(
  cwd: string,
  path: string,
): Promise<string> {
  const dir = resolve(cwd, path);
  if ((await stat(dir).catch(() => undefined))?.isDirectory() !== true) {
    throw new RolesmithError(`${dir} is not a folder`, {
      code: 'input',
      expected: 'the catalogue folder that holds roles/ and policies/',
    });
  }
  return dir;
}

/** The merged `--inventory` sources, or undefined when none was given. */
export async function readInventoryOption(
  specs: readonly string[],
  ctx: CommandContext,
): Promise<Inventory | undefined> {
  if (specs.length === 0) return undefined;
  const read = await readInventories([...specs], {
    logger: ctx.logger,
    cwd: ctx.cwd,
    extraFormats: [githubSourceFormat(ctx.env)],
  });
  return read.inventory;
}
