import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_SEED, generateAcme } from './generate.ts';

/**
 * `npm run examples [-- <out dir> [seed]]` regenerates examples/acme/
 * (README.md there is hand-written and left alone).
 */
async function main(): Promise<void> {
  const [outArg, seedArg] = process.argv.slice(2);
  const out = resolve(outArg ?? join(import.meta.dirname, '..', 'acme'));
  const seed = seedArg === undefined ? DEFAULT_SEED : Number(seedArg);
  for (const [path, text] of generateAcme(seed)) {
    const file = join(out, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  process.stdout.write(`wrote examples to ${out} (seed ${seed})\n`);
}

await main();
