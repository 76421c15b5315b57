export * from './catalogue.ts';
export * from './entitlement.ts';
export * from './finding.ts';
export * from './identity.ts';
export * from './inventory.ts';
export * from './policy.ts';
export * from './policy-test.ts';
export * from './role.ts';
