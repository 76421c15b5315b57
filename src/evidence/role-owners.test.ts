import { describe, expect, it } from 'vitest';
import type { Entitlement } from '../model/index.ts';
import { initialOwners } from './role-owners.ts';

const catalogue = new Map<string, Entitlement>(
  [
    { id: 'sap:F110', system: 'sap', owner: '@acme/treasury' },
    { id: 'sap:FB60', system: 'sap', risk: 'high', owner: '@acme/ap' },
    { id: 'okta:admin', system: 'okta', risk: 'critical', owner: '@acme/iam' },
    { id: 'ad:root', system: 'ad', risk: 'critical', owner: 'Jane Doe' },
    { id: 'sap:F-53', system: 'sap', owner: '@acme/treasury' },
  ].map((e) => [e.id, e as Entitlement]),
);
const rules = { critical: ['sap:F110', 'sap:F-*'] };

describe('initialOwners', () => {
  it('adds the owners of critical entitlements after the requested ones', () => {
    expect(
      initialOwners(
        ['@acme/iam-team'],
        ['sap:FB60', 'okta:admin', 'sap:F110', 'sap:F-53'],
        catalogue,
        rules,
      ),
    ).toEqual(['@acme/iam-team', '@acme/iam', '@acme/treasury']);
  });

  it('leaves roles without critical access with the requested owners', () => {
    expect(
      initialOwners(['@acme/iam-team'], ['sap:FB60'], catalogue, rules),
    ).toEqual(['@acme/iam-team']);
  });

  it('skips owners that are not handles and ones already asked for', () => {
    expect(
      initialOwners(
        ['@acme/iam'],
        ['okta:admin', 'ad:root', 'unknown:x'],
        catalogue,
        undefined,
      ),
    ).toEqual(['@acme/iam']);
  });
});
