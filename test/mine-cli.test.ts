import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRolesmith } from './helpers/run-cli.ts';
import { useTempFiles } from './helpers/temp-files.ts';

interface MineJson {
  roles: {
    id: string;
    audience: string;
    identities: string[];
    entitlements: string[];
  }[];
  exceptions: { identity: string; entitlement: string; reason: string }[];
  metrics: { roles: number; wsc: number; exceptions: number };
  optimal: boolean | null;
  lowerBound: number | null;
}

const workspace = useTempFiles('rolesmith-mine-');

const pairsOf = (result: MineJson) =>
  new Set(
    result.roles.flatMap((role) =>
      role.identities.flatMap((i) => role.entitlements.map((e) => `${i} ${e}`)),
    ),
  );

describe('rolesmith mine', () => {
  it('reproduces the input exactly with a proven minimum under --exact', async () => {
    const input = ['u1 a', 'u1 b', 'u2 a', 'u2 b', 'u3 b', 'u3 c', 'u4 c'];
    const cwd = await workspace({ 'access.txt': `${input.join('\n')}\n` });

    const result = await runRolesmith(
      ['mine', 'access.txt', '--exact', '--format', 'json'],
      cwd,
    );

    expect(result.code).toBe(0);
    const mined = JSON.parse(result.stdout) as MineJson;
    expect(pairsOf(mined)).toEqual(new Set(input));
    expect(mined.exceptions).toEqual([]);
    expect(mined.metrics.roles).toBe(3);
    expect(mined.optimal).toBe(true);
    expect(mined.lowerBound).toBe(3);
  });

  it('keeps people and machines apart and accounts for every assignment', async () => {
    const people = ['p1', 'p2', 'p3', 'p4'];
    const cwd = await workspace({
      'hr/identities.csv': [
        'id,kind,department,title,owner',
        ...people.map((p) => `${p},human,Finance,Clerk,`),
        'svc1,service-account,,,p1',
        'svc2,service-account,,,p1',
        'svc3,service-account,,,p1',
      ].join('\n'),
      'hr/assignments.csv': [
        'identity,entitlement',
        ...people.flatMap((p) => [`${p},sap:FB60`, `${p},sap:FBL1N`]),
        'p1,sap:SU01',
        ...['svc1', 'svc2', 'svc3'].flatMap((s) => [
          `${s},sap:FB60`,
          `${s},sap:FBL1N`,
        ]),
      ].join('\n'),
    });

    const result = await runRolesmith(['mine', 'hr', '--format', 'json'], cwd);

    expect(result.code).toBe(0);
    const mined = JSON.parse(result.stdout) as MineJson;
    for (const role of mined.roles) {
      const kinds = new Set(role.identities.map((id) => id.startsWith('svc')));
      expect(kinds.size).toBe(1);
      expect(role.audience).toBe(
        role.identities[0]?.startsWith('svc') ? 'machine' : 'human',
      );
    }
    const covered = pairsOf(mined);
    const excepted = mined.exceptions.map(
      (e) => `${e.identity} ${e.entitlement}`,
    );
    expect(mined.exceptions).toContainEqual(
      expect.objectContaining({ identity: 'p1', entitlement: 'sap:SU01' }),
    );
    expect(covered.size + excepted.length).toBe(4 * 2 + 1 + 3 * 2);
  });

  it('applies the example policies: scope, mitigations, no toxic role', async () => {
    const repo = join(import.meta.dirname, '..');
    const clerks = ['c1', 'c2', 'c3', 'c4'];
    const svc = ['svc1', 'svc2', 'svc3'];
    const cwd = await workspace({
      'hr/identities.csv': [
        'id,kind,department,title,owner',
        ...clerks.map((p) => `${p},human,Finance,Clerk,`),
        'u1042,human,Finance,Clerk,',
        ...svc.map((s) => `${s},service-account,,,c1`),
      ].join('\n'),
      'hr/assignments.csv': [
        'identity,entitlement',
        // P2P-001 (vendor + payment) is scoped to people and SAP.
        ...[...clerks, ...svc].flatMap((p) => [
          `${p},sap:XK01`,
          `${p},sap:F110`,
          `${p},m:mail`,
        ]),
        // P2P-002 (invoice + payment), mitigated for u1042 until 2027.
        'u1042,sap:FB60',
        'u1042,sap:F110',
      ].join('\n'),
    });

    const result = await runRolesmith(
      ['mine', 'hr', '--policies', join(repo, 'policies'), '--format', 'json'],
      cwd,
    );

    expect(result.code).toBe(0);
    const mined = JSON.parse(result.stdout) as MineJson & {
      sodViolations: { identity: string; risk: string; mitigation?: string }[];
    };
    for (const role of mined.roles.filter((r) => r.audience === 'human')) {
      expect(
        role.entitlements.includes('sap:XK01') &&
          role.entitlements.includes('sap:F110'),
      ).toBe(false);
    }
    const machine = mined.roles.filter((r) => r.audience === 'machine');
    expect(machine.flatMap((r) => r.entitlements)).toEqual(
      expect.arrayContaining(['sap:XK01', 'sap:F110']),
    );
    const violations = mined.sodViolations.map((v) =>
      [v.identity, v.risk, v.mitigation ?? '-'].join(' '),
    );
    expect(violations).toEqual([
      'c1 P2P-001 -',
      'c2 P2P-001 -',
      'c3 P2P-001 -',
      'c4 P2P-001 -',
      'u1042 P2P-002 MIT-2026-007',
    ]);
  });

  it('rejects an unknown objective with exit 2', async () => {
    const cwd = await workspace({ 'access.txt': 'u1 a\n' });

    const result = await runRolesmith(
      ['mine', 'access.txt', '--exact', '--objective', 'speed'],
      cwd,
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown --objective "speed"');
  });
});
