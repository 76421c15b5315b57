import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../logger.ts';
import { mineExact } from './mine-exact.ts';
import type { ExactPair } from './mine-exact.ts';

const DIR = join(import.meta.dirname, '../../../../shared/datasets/rolemining');

function readPairs(name: string): ExactPair[] {
  const text = readFileSync(join(DIR, `${name}.txt`), 'utf8');
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length === 2)
    .map(([identity = '', entitlement = '']) => ({ identity, entitlement }));
}

// Skipped, with this name as the message, where ../shared is not laid out.
describe.skipIf(!existsSync(DIR))(
  'mineExact on the HP Labs data sets (skipped without ../shared/datasets/rolemining)',
  () => {
    it.each([
      { name: 'healthcare', minimum: 14 },
      { name: 'domino', minimum: 20 },
      { name: 'firewall2', minimum: 10 },
    ])(
      'proves the minimum of $name: $minimum roles',
      async ({ name, minimum }) => {
        const result = await mineExact(readPairs(name), {
          objective: 'roles',
          timeLimitSeconds: 60,
          logger: silentLogger,
        });

        expect(result.metrics.roles).toBe(minimum);
        expect(result.lowerBound).toBe(minimum);
        expect(result.optimal).toBe(true);
      },
    );
  },
);
