import { describe, expect, it } from 'vitest';
import { compilePatterns } from './patterns.ts';

describe('compilePatterns', () => {
  it.each([
    [['sap:FB60'], 'sap:FB60', true],
    [['sap:FB60'], 'sap:FB600', false],
    [['sap:FK*'], 'sap:FK01', true],
    [['sap:FK*'], 'sap:XK01', false],
    [['github:*/*:admin'], 'github:acme/payments:admin', true],
    [['github:*:admin'], 'github:acme/payments:admin', false],
    [['github:**:admin'], 'github:acme/payments:admin', true],
    [['aws:**'], 'aws:arn:aws:iam::1:role/x', true],
    [['**:admin'], 'github:acme/app:admin', true],
    [['aws:*'], 'aws:arn:aws:iam::1:role/x', false],
    [['k8s:?:role/x'], 'k8s:a:role/x', true],
    [['k8s:?:role/x'], 'k8s:ab:role/x', false],
    [['sap:F.60*'], 'sap:FB60', false],
    [['sap:(x)*'], 'sap:(x)1', true],
    [['a:*', 'b:c'], 'b:c', true],
  ])('matches %j against %s: %s', (patterns, id, expected) => {
    expect(compilePatterns(patterns)(id)).toBe(expected);
  });
});
