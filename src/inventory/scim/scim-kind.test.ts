import { describe, expect, it } from 'vitest';
import { classifyIdentity } from './scim-kind.ts';

describe('classifyIdentity', () => {
  it.each([
    ['Service', 'deploy', 'service-account', 'user_type:Service'],
    ['ServiceAccount', 'x', 'service-account', 'user_type:ServiceAccount'],
    ['Service Account', 'x', 'service-account', 'user_type:Service Account'],
    [
      'service_principal',
      'x',
      'service-account',
      'user_type:service_principal',
    ],
    ['System', 'x', 'service-account', 'user_type:System'],
    ['Bot', 'x', 'bot', 'user_type:Bot'],
    ['Employee', 'svc-payroll', 'service-account', 'user_name:svc-*'],
    [undefined, 'SVC_backup', 'service-account', 'user_name:svc_*'],
    [undefined, 'sa-ci', 'service-account', 'user_name:sa-*'],
    [
      undefined,
      'jenkins@svc.example.com',
      'service-account',
      'user_name:*@svc.*',
    ],
    [undefined, 'bot-release', 'bot', 'user_name:bot-*'],
    [undefined, 'release-bot', 'bot', 'user_name:*-bot'],
    [undefined, 'release-bot@example.com', 'bot', 'user_name:*-bot'],
    [undefined, 'dependabot[bot]', 'bot', 'user_name:*[bot]'],
    ['Employee', 'bjensen@example.com', 'human', 'default'],
    [undefined, 'abbott', 'human', 'default'],
    [undefined, 'sarah', 'human', 'default'],
    [undefined, undefined, 'human', 'default'],
  ])(
    'classifies userType %j and name %j as %s',
    (userType, name, kind, reason) => {
      expect(classifyIdentity(userType, [name], 'default')).toEqual({
        kind,
        reason,
      });
    },
  );
});
