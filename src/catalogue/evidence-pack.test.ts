import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyEvidencePack, writeEvidencePack } from './evidence-pack.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs.length = 0;
});

async function pack(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'rolesmith-pack-'));
  dirs.push(root);
  const dir = join(root, 'pack');
  await writeEvidencePack(
    dir,
    [
      { path: 'timeline.json', content: '{"roles":[]}\n' },
      { path: 'csv/changes.csv', content: 'file,commit\nroles/a.yaml,abc\n' },
      { path: 'report.html', content: '<!doctype html><title>r</title>' },
    ],
    { version: '0.1.0', subject: { repository: 'acme/roles', commit: 'abc' } },
  );
  return dir;
}

describe('evidence packs', () => {
  it('verifies a pack as written', async () => {
    const dir = await pack();

    const { manifest, problems } = await verifyEvidencePack(dir);

    expect(problems).toEqual([]);
    expect(manifest.files.map((f) => f.path)).toEqual([
      'csv/changes.csv',
      'report.html',
      'timeline.json',
    ]);
    expect(manifest.files[2]?.bytes).toBe(13);
  });

  it('fails after one byte of one file changes', async () => {
    const dir = await pack();
    const path = join(dir, 'csv/changes.csv');
    const bytes = await readFile(path);
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    await writeFile(path, bytes);

    const { problems } = await verifyEvidencePack(dir);

    expect(problems).toEqual([
      expect.objectContaining({ path: 'csv/changes.csv', problem: 'changed' }),
    ]);
  });

  it('notices removed, added and re-listed files', async () => {
    const dir = await pack();
    await rm(join(dir, 'report.html'));
    await writeFile(join(dir, 'extra.txt'), 'x');
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
      files: { path: string; sha256: string }[];
    };
    // Editing a digest in the manifest breaks the manifest's own digest.
    (manifest.files[0] as { sha256: string }).sha256 = '0'.repeat(64);
    await writeFile(manifestPath, JSON.stringify(manifest));

    const { problems } = await verifyEvidencePack(dir);

    expect(problems.map((p) => [p.path, p.problem])).toEqual([
      ['manifest.json', 'changed'],
      ['csv/changes.csv', 'changed'],
      ['report.html', 'missing'],
      ['extra.txt', 'unlisted'],
    ]);
  });

  it('refuses paths that would leave the pack', async () => {
    const root = await mkdtemp(join(tmpdir(), 'rolesmith-pack-'));
    dirs.push(root);

    await expect(
      writeEvidencePack(join(root, 'p'), [{ path: '../x', content: '' }], {
        version: '0',
        subject: {},
      }),
    ).rejects.toThrow('cannot be a file of an evidence pack');
  });
});
