import { describe, expect, it } from 'vitest';
import type { RiskLevel } from '../../model/index.ts';
import type { PolicyRule } from './k8s-defs.ts';
import { assessRules, summariseRules } from './k8s-rules.ts';

function rule(
  verbs: string[],
  resources: string[],
  apiGroups: string[] = [''],
  extra: Partial<PolicyRule> = {},
): PolicyRule {
  return {
    verbs,
    apiGroups,
    resources,
    resourceNames: [],
    nonResourceURLs: [],
    ...extra,
  };
}

const urls = (verbs: string[], nonResourceURLs: string[]) =>
  rule(verbs, [], [], { nonResourceURLs });

describe('assessRules', () => {
  it.each<[string, PolicyRule[], RiskLevel, string[]]>([
    ['no rules', [], 'low', []],
    ['reads of pods', [rule(['get', 'list', 'watch'], ['pods'])], 'low', []],
    ['a read of a non-resource URL', [urls(['get'], ['/metrics'])], 'low', []],
    ['a write', [rule(['create'], ['configmaps'])], 'medium', []],
    ['a write to a URL', [urls(['post'], ['/api'])], 'medium', []],
    [
      'a read of secrets',
      [rule(['get'], ['secrets'])],
      'high',
      ['reads secrets'],
    ],
    [
      'a read of "secrets" outside the core group',
      [rule(['list'], ['secrets'], ['example.com'])],
      'low',
      [],
    ],
    [
      'all verbs on secrets',
      [rule(['*'], ['secrets'])],
      'high',
      ['reads secrets'],
    ],
    [
      'all resources of the core group, read only',
      [rule(['list'], ['*'])],
      'high',
      ['reads secrets'],
    ],
    [
      'bind on cluster roles',
      [rule(['bind'], ['clusterroles'], ['rbac.authorization.k8s.io'])],
      'high',
      ['escalates or binds roles', 'uses the bind verb'],
    ],
    [
      'impersonation',
      [rule(['impersonate'], ['users'])],
      'high',
      [
        'impersonates users, groups or service accounts',
        'uses the impersonate verb',
      ],
    ],
    [
      'exec into pods through a subresource wildcard',
      [rule(['create'], ['*/exec'])],
      'high',
      ['runs commands in pods (pods/exec, pods/attach)'],
    ],
    [
      'nodes/proxy',
      [rule(['get'], ['nodes/proxy'])],
      'high',
      ['reaches the kubelet API (nodes/proxy)'],
    ],
    [
      'minting tokens',
      [rule(['create'], ['serviceaccounts/token'])],
      'high',
      ['mints service account tokens'],
    ],
    [
      'all verbs on all resources of one group',
      [rule(['*'], ['*'], ['metrics.k8s.io'])],
      'critical',
      ['every verb on every resource of an API group'],
    ],
    [
      'all verbs on one resource in every group',
      [rule(['*'], ['deployments'], ['*'])],
      'critical',
      ['every verb on a resource in every API group'],
    ],
  ])('rates %s', (_name, rules, risk, reasons) => {
    expect(assessRules(rules)).toEqual({ risk, reasons });
  });

  it('keeps the highest risk of several rules', () => {
    const rules = [
      rule(['get'], ['pods']),
      rule(['*'], ['*'], ['*']),
      rule(['delete'], ['pods']),
    ];

    expect(assessRules(rules).risk).toBe('critical');
  });
});

describe('summariseRules', () => {
  it.each<[string, PolicyRule[], string]>([
    ['no rules', [], 'no rules'],
    [
      'group-qualified resources',
      [rule(['get', 'list'], ['deployments'], ['apps', ''])],
      'get,list deployments.apps, deployments',
    ],
    [
      'resource names and URLs',
      [
        rule(['get'], ['configmaps'], [''], { resourceNames: ['app-config'] }),
        urls(['get'], ['/metrics']),
      ],
      'get configmaps named app-config; get /metrics',
    ],
    [
      'all verbs and many resources, capped',
      [rule(['*'], ['a', 'b', 'c', 'd', 'e', 'f'])],
      'all verbs on a, b, c, d (+2 more)',
    ],
  ])('summarises %s', (_name, rules, text) => {
    expect(summariseRules(rules)).toBe(text);
  });

  it('caps the number of rules shown', () => {
    const rules = Array.from({ length: 9 }, (_, i) => rule(['get'], [`r${i}`]));

    expect(summariseRules(rules)).toBe(
      'get r0; get r1; get r2; get r3; get r4; get r5; and 3 more rules',
    );
  });
});
