import { resolve } from 'node:path';
import { verifyEvidencePack } from '../catalogue/evidence-pack.ts';
import { EXIT, usageError } from '../errors.ts';
import { printable } from '../report/ansi.ts';
import type { CommandContext } from './command.ts';

/**
 * `rolesmith verify <pack dir>`: checks an evidence pack against its
 * manifest, so an auditor can tell that nothing in it was changed.
 */
export async function runVerify(ctx: CommandContext): Promise<number> {
  const [dir, ...rest] = ctx.positionals;
  if (dir === undefined || rest.length > 0) {
    throw usageError(
      'name one evidence pack folder',
      'rolesmith verify ./evidence-pack',
    );
  }
  const { manifest, problems } = await verifyEvidencePack(
    resolve(ctx.cwd, dir),
  );
  if (problems.length === 0) {
    ctx.out(
      `✔ ${manifest.files.length} files match the manifest (digest ` +
        `${manifest.digest.slice(0, 16)}…)\n`,
    );
    return EXIT.ok;
  }
  const lines = [`✖ the pack does not match its manifest:`];
  for (const p of problems) {
    lines.push(`  ${p.problem.padEnd(8)} ${printable(p.path)}`);
  }
  ctx.out(`${lines.join('\n')}\n`);
  return EXIT.findings;
}
