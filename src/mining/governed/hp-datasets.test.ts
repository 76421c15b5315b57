import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPairFile } from '../../inventory/pair-file.ts';
import { silentLogger } from '../../logger.ts';
import { checkGovernedInvariants } from './invariants.ts';
import { mineGoverned } from './mine-governed.ts';

const DIR = join(import.meta.dirname, '../../../../shared/datasets/rolemining');
const SETS = ['healthcare', 'domino', 'firewall2', 'apj'];

describe.skipIf(!existsSync(DIR))(
  'mineGoverned on the HP Labs data sets',
  () => {
    it.each(SETS)('keeps every promise on %s', async (name) => {
      const { inventory } = await readPairFile(join(DIR, `${name}.txt`), {
        logger: silentLogger,
        onBadRecord: 'stop',
      });

      const result = mineGoverned(inventory);

      expect(
        checkGovernedInvariants(inventory, result, { minMembers: 3 }),
      ).toEqual([]);
      expect(result.metrics.coverage).toBeGreaterThan(0.5);
      expect(result.roles.every((r) => r.audience === 'human')).toBe(true);
    });
  },
);
