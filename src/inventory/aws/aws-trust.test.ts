import { describe, expect, it } from 'vitest';
import { roleKind, trustPrincipals } from './aws-trust.ts';

const trust = (...Statement: unknown[]) => ({
  Version: '2012-10-17',
  Statement,
});
const assume = (Principal: unknown, Effect = 'Allow') => ({
  Effect,
  Principal,
  Action: 'sts:AssumeRole',
});

describe('trustPrincipals', () => {
  it.each([
    [
      'a service',
      trust(assume({ Service: 'lambda.amazonaws.com' })),
      ['service:lambda.amazonaws.com'],
    ],
    [
      'several services, sorted',
      trust(
        assume({
          Service: ['sagemaker.amazonaws.com', 'datapipeline.amazonaws.com'],
        }),
      ),
      ['service:datapipeline.amazonaws.com', 'service:sagemaker.amazonaws.com'],
    ],
    [
      'an account root',
      trust(assume({ AWS: 'arn:aws:iam::111122223333:root' })),
      ['aws:arn:aws:iam::111122223333:root'],
    ],
    [
      'a SAML provider',
      trust(
        assume({ Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' }),
      ),
      ['federated:arn:aws:iam::111122223333:saml-provider/Okta'],
    ],
    ['anyone', trust(assume('*')), ['*']],
    ['anyone in AWS', trust(assume({ AWS: '*' })), ['*']],
    [
      'a canonical user',
      trust(assume({ CanonicalUser: 'abc' })),
      ['canonical_user:abc'],
    ],
    [
      'only Allow statements',
      trust(assume({ AWS: '111122223333' }, 'Deny')),
      [],
    ],
    [
      'each principal once',
      trust(
        assume({ Service: 'ec2.amazonaws.com' }),
        assume({ Service: 'ec2.amazonaws.com' }),
      ),
      ['service:ec2.amazonaws.com'],
    ],
  ])('reads %s', (_name, document, principals) => {
    expect(trustPrincipals(document)).toEqual(principals);
  });
});

describe('roleKind', () => {
  it.each([
    [
      ['service:ec2.amazonaws.com', 'aws:arn:aws:iam::1:root'],
      'workload',
      'trust:service_principal',
    ],
    [
      ['aws:arn:aws:iam::1:root'],
      'service-account',
      'trust:no_service_principal',
    ],
    [[], 'service-account', 'trust:no_service_principal'],
    [undefined, 'service-account', 'trust:unknown'],
  ])('classifies a role trusted by %j as %s', (principals, kind, reason) => {
    expect(roleKind(principals)).toEqual({ kind, reason });
  });
});
