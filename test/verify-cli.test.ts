import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEvidencePack } from '../src/catalogue/evidence-pack.ts';
import { runRolesmith } from './helpers/run-cli.ts';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rolesmith-verify-'));
  await writeEvidencePack(
    join(root, 'pack'),
    [{ path: 'timeline.json', content: '{"events":[1,2,3]}\n' }],
    { version: '0.1.0', subject: { commit: 'abc' } },
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('rolesmith verify', () => {
  it('passes an intact pack and fails once a byte changes', async () => {
    const ok = await runRolesmith(['verify', 'pack'], root);
    const path = join(root, 'pack/timeline.json');
    const bytes = await readFile(path);
    bytes[3] = (bytes[3] ?? 0) + 1;
    await writeFile(path, bytes);
    const tampered = await runRolesmith(['verify', 'pack'], root);

    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('1 files match the manifest');
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('changed  timeline.json');
  });

  it('exits 2 for a folder without a manifest', async () => {
    const result = await runRolesmith(['verify', '.'], root);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has no manifest.json');
  });
});
