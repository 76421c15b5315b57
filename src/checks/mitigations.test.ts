import { describe, expect, it } from 'vitest';
import type { Finding, Mitigation } from '../model/index.ts';
import {
  evaluateMitigationExpiry,
  findMitigations,
  indexMitigations,
  isMitigationActive,
  resolveMitigation,
} from './mitigations.ts';
import {
  buildMitigation,
  buildPolicies,
  buildRisk,
  SOD_FILE,
  TODAY,
} from './test-builders.ts';

describe('isMitigationActive', () => {
  it.each([
    { expires: '2026-11-02', active: true },
    { expires: TODAY, active: false },
    { expires: '2026-10-31', active: false },
  ])('treats a mitigation expiring $expires as active: $active', (c) => {
    const mitigation = buildMitigation('M', 'R', { identity: 'u1' }, c.expires);

    expect(isMitigationActive(mitigation, TODAY)).toBe(c.active);
  });
});

describe('evaluateMitigationExpiry', () => {
  const run = (mitigations: Mitigation[]): Finding[] =>
    evaluateMitigationExpiry(
      buildPolicies({ risks: [buildRisk('P2P-001', ['a', 'b'])], mitigations }),
      { today: TODAY },
    );

  it('reports a mitigation on its expiry day at its declaration', () => {
    const findings = run([
      buildMitigation('MIT-1', 'P2P-001', { identity: 'u1' }, TODAY),
    ]);

    expect(findings).toEqual([
      {
        code: 'mitigation.expired',
        severity: 'warning',
        message:
          'Mitigation MIT-1 of risk P2P-001 "Risk P2P-001" for identity u1 ' +
          'expired on 2026-11-01; the risk is a violation again.',
        hint:
          'Re-approve control CTRL-MIT-1 and set a new expiry, or remove the ' +
          'mitigation and resolve the conflict.',
        file: SOD_FILE,
        path: '/mitigations/0',
        subject: { risk: 'P2P-001', identity: 'u1' },
      },
    ]);
  });

  it('passes a mitigation that has not expired', () => {
    expect(
      run([buildMitigation('MIT-1', 'P2P-001', { role: 'ap' }, '2027-01-31')]),
    ).toEqual([]);
  });

  it('reports role mitigations and unknown risks by id alone', () => {
    const findings = run([
      buildMitigation('MIT-2', 'P2P-404', { role: 'ap' }, '2026-01-31'),
    ]);

    expect(findings.map((f) => [f.message, f.subject])).toEqual([
      [
        'Mitigation MIT-2 of risk P2P-404 for role ap expired on ' +
          '2026-01-31; the risk is a violation again.',
        { risk: 'P2P-404', role: 'ap' },
      ],
    ]);
  });
});

describe('findMitigations', () => {
  const index = indexMitigations(
    buildPolicies({
      mitigations: [
        buildMitigation('M3', 'R1', { role: 'payer' }, '2030-01-01'),
        buildMitigation('M2', 'R1', { identity: 'u1' }, '2030-01-01'),
        buildMitigation('M1', 'R1', { role: 'clerk' }, '2030-01-01'),
        buildMitigation('M4', 'R2', { identity: 'u1' }, '2030-01-01'),
      ],
    }),
  );

  it('finds identity mitigations first, then those of the roles given', () => {
    const found = findMitigations(index, 'R1', 'u1', ['clerk', 'payer']);

    expect(found.map((m) => m.id)).toEqual(['M2', 'M1', 'M3']);
  });

  it('finds nothing for another risk or holder', () => {
    expect(findMitigations(index, 'R1', 'u2', ['viewer'])).toEqual([]);
    expect(findMitigations(index, 'R3', 'u1', [])).toEqual([]);
  });
});

describe('resolveMitigation', () => {
  const violation: Finding = {
    code: 'sod.identity-conflict',
    severity: 'error',
    message: 'Identity u1 holds every function of risk R1.',
    hint: 'Remove a role.',
    subject: { identity: 'u1', risk: 'R1' },
  };
  const expired = buildMitigation('M1', 'R1', { identity: 'u1' }, '2026-01-31');
  const active = buildMitigation('M2', 'R1', { identity: 'u1' }, '2027-01-31');

  it('keeps a violation no mitigation covers', () => {
    expect(resolveMitigation(violation, 'R1 "t"', [], TODAY)).toBe(violation);
  });

  it('turns a violation an active mitigation covers into a note', () => {
    const resolved = resolveMitigation(
      violation,
      'R1 "t"',
      [expired, active],
      TODAY,
    );

    expect(resolved).toEqual({
      ...violation,
      code: 'sod.mitigated',
      severity: 'note',
      message:
        'Risk R1 "t" is mitigated for identity u1 by M2 (control CTRL-M2) until 2027-01-31.',
      hint: 'Keep control CTRL-M2 operating, and renew or retire M2 before 2027-01-31.',
    });
  });

  it('keeps the violation and names every expired mitigation', () => {
    const older = buildMitigation('M0', 'R1', { identity: 'u1' }, '2025-01-31');

    expect(resolveMitigation(violation, 'R1', [expired], TODAY).hint).toBe(
      'Mitigation M1 expired on 2026-01-31. Remove a role.',
    );
    expect(
      resolveMitigation(violation, 'R1', [older, expired], TODAY).hint,
    ).toBe('Mitigations M0, M1 have expired. Remove a role.');
  });
});
