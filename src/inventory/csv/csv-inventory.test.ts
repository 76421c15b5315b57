import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../logger.ts';
import type { OnBadRecord } from '../reader.ts';
import { readCsvInventory } from './csv-inventory.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolesmith-csv-inventory-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function folder(files: Record<string, string>): Promise<string> {
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(dir, name), text);
  }
  return dir;
}

function read(path: string, onBadRecord: OnBadRecord = 'stop') {
  const logger = createMemoryLogger();
  return readCsvInventory(path, { logger, onBadRecord, label: 'hr' }).then(
    (result) => ({ ...result, logger }),
  );
}

const IDENTITIES = [
  'id,kind,name,email,department,title,location,manager,status,owner,Cost Center,Badge Number',
  'u1,human,"Doe, Jane",jane@example.com,Finance,Clerk,Berlin,,active,,CC-1,B-77',
  'ci-bot,Service-Account,,,Engineering,,,,,u1,,',
  '',
].join('\n');

const ENTITLEMENTS = [
  'id,system,name,description,risk,owner',
  'FB60,sap,Enter invoice,"Posts vendor invoices, ""FB60""",HIGH,@acme/fin',
  'aws:arn:aws:iam::123456789012:policy/ReadOnly,aws,,,low,',
  'okta:app-crm,,CRM,,,',
  '',
].join('\n');

const ASSIGNMENTS = [
  'identity,entitlement,granted_at,last_used_at,source',
  'u1,FB60,2025-01-02,2026-03-01T09:30:00Z,role',
  'u1,okta:app-crm,,,',
  'ci-bot,aws:arn:aws:iam::123456789012:policy/ReadOnly,2024-06-30,,DIRECT',
  '',
].join('\n');

describe('readCsvInventory', () => {
  it('reads identities, entitlements and assignments with provenance', async () => {
    const path = await folder({
      'identities.csv': IDENTITIES,
      'entitlements.csv': ENTITLEMENTS,
      'assignments.csv': ASSIGNMENTS,
    });

    const { inventory, skipped } = await read(path);

    const identitiesFile = join(dir, 'identities.csv');
    expect(skipped).toEqual([]);
    expect(inventory.identities).toEqual([
      {
        id: 'u1',
        kind: 'human',
        name: 'Doe, Jane',
        email: 'jane@example.com',
        status: 'active',
        attributes: {
          department: 'Finance',
          title: 'Clerk',
          location: 'Berlin',
          cost_center: 'CC-1',
          badge_number: 'B-77',
        },
        provenance: [{ source: 'hr', file: identitiesFile, line: 2 }],
      },
      {
        id: 'ci-bot',
        kind: 'service-account',
        owner: 'u1',
        attributes: { department: 'Engineering' },
        provenance: [{ source: 'hr', file: identitiesFile, line: 3 }],
      },
    ]);
    expect(inventory.entitlements).toMatchObject([
      {
        id: 'sap:FB60',
        system: 'sap',
        name: 'Enter invoice',
        description: 'Posts vendor invoices, "FB60"',
        risk: 'high',
        owner: '@acme/fin',
      },
      { id: 'aws:arn:aws:iam::123456789012:policy/ReadOnly', system: 'aws' },
      { id: 'okta:app-crm', system: 'okta', name: 'CRM' },
    ]);
    expect(inventory.assignments).toEqual([
      {
        identity: 'u1',
        entitlement: 'sap:FB60',
        grantedAt: '2025-01-02',
        lastUsedAt: '2026-03-01T09:30:00Z',
        source: 'role',
        provenance: {
          source: 'hr',
          file: join(dir, 'assignments.csv'),
          line: 2,
        },
      },
      {
        identity: 'u1',
        entitlement: 'okta:app-crm',
        provenance: {
          source: 'hr',
          file: join(dir, 'assignments.csv'),
          line: 3,
        },
      },
      {
        identity: 'ci-bot',
        entitlement: 'aws:arn:aws:iam::123456789012:policy/ReadOnly',
        grantedAt: '2024-06-30',
        source: 'direct',
        provenance: {
          source: 'hr',
          file: join(dir, 'assignments.csv'),
          line: 4,
        },
      },
    ]);
    expect(inventory.sources.map((s) => [s.source, s.file])).toEqual([
      ['hr', identitiesFile],
      ['hr', join(dir, 'entitlements.csv')],
      ['hr', join(dir, 'assignments.csv')],
    ]);
    expect(inventory.sources[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches headers in any case, with blanks, a BOM and CRLF', async () => {
    const path = await folder({
      'identities.csv': '\uFEFF ID , Kind ,costCenter\r\nu1,HUMAN,CC-9\r\n',
    });

    const { inventory } = await read(path);

    expect(inventory.identities).toMatchObject([
      { id: 'u1', kind: 'human', attributes: { cost_center: 'CC-9' } },
    ]);
  });

  it('derives identities and entitlements from assignments alone', async () => {
    const path = await folder({
      'assignments.csv': 'identity,entitlement\nu1,sap:FB60\nu2,sap:FB60\n',
    });

    const { inventory, logger } = await read(path);

    expect(inventory.identities.map((i) => [i.id, i.kind])).toEqual([
      ['u1', 'human'],
      ['u2', 'human'],
    ]);
    expect(inventory.entitlements).toMatchObject([
      { id: 'sap:FB60', system: 'sap' },
    ]);
    expect(inventory.assignments).toHaveLength(2);
    expect(logger.records.map((r) => r.level)).toContain('warn');
  });

  it('reads identities without assignments', async () => {
    const path = await folder({ 'identities.csv': 'id,kind\nu1,bot\n' });

    const { inventory } = await read(path);

    expect(inventory.identities).toMatchObject([{ id: 'u1', kind: 'bot' }]);
    expect(inventory.assignments).toEqual([]);
  });
});
