import { basename, dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../catalogue/atomic-write.ts';
import { createFsTree, readCatalogue } from '../catalogue/index.ts';
import { EXIT, usageError } from '../errors.ts';
import { evaluateQuality } from '../inventory/quality.ts';
import { readInventories } from '../inventory/read-inventory.ts';
import type { OnBadRecord } from '../inventory/reader.ts';
import { mineExact } from '../mining/exact/index.ts';
import { mineGoverned } from '../mining/governed/index.ts';
import type { MiningResult } from '../mining/types.ts';
import type { PolicySet } from '../model/index.ts';
import { renderMiningText } from '../report/mining-text.ts';
import { renderReconciliationText } from '../report/reconciliation-text.ts';
import type { CommandContext } from './command.ts';
import { githubSourceFormat } from './github-source.ts';
import { writeCandidates, writeOption } from './mine-write.ts';
import { stringOption } from './values.ts';

/** `rolesmith mine <source…>`: candidate roles from an inventory. */
export async function runMine(ctx: CommandContext): Promise<number> {
  if (ctx.positionals.length === 0) {
    throw usageError(
      'name at least one inventory source',
      'rolesmith mine ./hr-export, or rolesmith mine access.txt --exact',
    );
  }
  const format = stringOption(ctx.values, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw usageError(`unknown format "${format}"`, 'text or json');
  }
  const onBadRecord = stringOption(ctx.values, 'on-bad-record') ?? 'stop';
  if (onBadRecord !== 'stop' && onBadRecord !== 'skip') {
    throw usageError(
      `unknown --on-bad-record "${onBadRecord}"`,
      'stop or skip',
    );
  }

  const read = await readInventories(ctx.positionals, {
    logger: ctx.logger,
    cwd: ctx.cwd,
    onBadRecord: onBadRecord satisfies OnBadRecord,
    extraFormats: [githubSourceFormat(ctx.env)],
  });
  // Mining can only be as good as its data: name what to fix first. Exact
  // mode reproduces the matrix as it is, so attributes do not matter there.
  const quality = evaluateQuality(read.inventory, {
    skipped: read.skipped,
    conflicts: read.conflicts,
  });
  for (const issue of quality.issues) {
    if (issue.severity === 'note' || ctx.values.exact === true) continue;
    ctx.logger.warn(
      `${issue.count} ${issue.message} [${issue.code}]: ${issue.fix}`,
    );
  }
  const policies = await readPolicies(ctx);
  const started = Date.now();
  let result: MiningResult;
  if (ctx.values.exact === true) {
    const objective = stringOption(ctx.values, 'objective') ?? 'roles';
    if (objective !== 'roles' && objective !== 'wsc') {
      throw usageError(`unknown --objective "${objective}"`, 'roles or wsc');
    }
    result = await mineExact(read.inventory.assignments, {
      objective,
      timeLimitSeconds: numberOption(ctx, 'time-limit', 60),
      logger: ctx.logger,
    });
  } else {
    result = mineGoverned(read.inventory, {
      minMembers: numberOption(ctx, 'min-members', 3),
      minSupport: numberOption(ctx, 'min-support', 0.6),
      unusedDays: numberOption(ctx, 'unused-days', 180),
      logger: ctx.logger,
      ...(policies !== undefined && { sod: toSodInput(policies) }),
    });
  }
  ctx.logger.debug('mined', { seconds: (Date.now() - started) / 1000 });

  const dir = writeOption(ctx);
  const written =
    dir === undefined
      ? undefined
      : await writeCandidates(ctx, dir, result, read.inventory, policies);
  const text =
    format === 'json'
      ? `${JSON.stringify({ ...result, ...written }, null, 2)}\n`
      : renderMiningText(result, { color: ctx.color }) +
        (written === undefined
          ? ''
          : renderReconciliationText(written, { color: ctx.color }));
  const output = stringOption(ctx.values, 'output');
  if (output === undefined) ctx.out(text);
  else await writeFileAtomic(resolve(ctx.cwd, output), text);
  return EXIT.ok;
}

function numberOption(
  ctx: CommandContext,
  name: string,
  fallback: number,
): number {
  const text = stringOption(ctx.values, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw usageError(
      `--${name} "${text}" is not a number`,
      `e.g. --${name} ${fallback}`,
    );
  }
  return value;
}

async function readPolicies(
  ctx: CommandContext,
): Promise<PolicySet | undefined> {
  const dir = stringOption(ctx.values, 'policies');
  if (dir === undefined) return undefined;
  // `--policies policies` names the folder itself; its parent is the root.
  const full = resolve(ctx.cwd, dir);
  const tree = createFsTree(dirname(full));
  const read = await readCatalogue({
    grants: tree,
    rules: tree,
    layout: {
      roles: 'roles',
      exceptions: 'exceptions',
      policies: basename(full),
    },
  });
  const broken = read.findings.find(
    (f) =>
      f.severity === 'error' && f.file?.startsWith(basename(full)) === true,
  );
  if (broken !== undefined) {
    throw usageError(
      `${broken.file ?? dir}:${broken.line ?? 1}: ${broken.message}`,
      'valid policy files; run rolesmith check first',
    );
  }
  return read.catalogue.policies;
}

/** SoD risks as the miner needs them: entitlement patterns per function. */
/**
 * The policy set as the miner needs it: functions resolved to patterns,
 * each risk's kind and system scope, and the identity mitigations. Role
 * mitigations do not apply: a new candidate has none.
 */
function toSodInput(policies: PolicySet) {
  const functions = new Map(
    policies.functions.map((f) => [f.id, f.entitlements]),
  );
  return {
    risks: policies.risks.map((risk) => ({
      id: risk.id,
      functions: risk.functions.map((id) => functions.get(id) ?? []),
      kinds: risk.scope.kinds,
      systems: risk.scope.systems,
    })),
    mitigations: policies.mitigations.flatMap((m) =>
      m.identity === undefined
        ? []
        : [
            {
              id: m.id,
              risk: m.risk,
              identity: m.identity,
              expires: m.expires,
            },
          ],
    ),
  };
}
