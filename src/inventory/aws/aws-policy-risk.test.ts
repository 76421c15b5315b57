import { describe, expect, it } from 'vitest';
import { assessDocument, assessManagedName } from './aws-policy-risk.ts';
import { decodePolicyDocument } from './aws-policy-document.ts';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = '*', extra = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});

describe('assessDocument', () => {
  it.each([
    [
      'every action',
      doc(allow('*')),
      'critical',
      ['allows * on every resource (statement #0)'],
    ],
    [
      '*:* in a list',
      doc(allow(['s3:GetObject', '*:*'])),
      'critical',
      ['allows *:* on every resource (statement #0)'],
    ],
    [
      'iam:* by Sid',
      doc(allow('IAM:*', ['*'], { Sid: 'Admin' })),
      'critical',
      [
        'allows IAM:* on every resource, so it can grant itself anything (statement Admin)',
      ],
    ],
    [
      'NotAction on every resource',
      doc(allow(undefined, '*', { NotAction: ['iam:*', 'organizations:*'] })),
      'critical',
      [
        'allows every action except iam:*, organizations:* on every resource (statement #0)',
      ],
    ],
    [
      'service wildcards',
      doc(allow(['s3:*', 'sqs:*'])),
      'high',
      ['allows s3:*, sqs:* on every resource (statement #0)'],
    ],
    [
      'NotResource counts as every resource',
      doc({
        Effect: 'Allow',
        Action: 'ec2:*',
        NotResource: 'arn:aws:ec2:*:*:vpc/prod',
      }),
      'high',
      ['allows ec2:* on every resource (statement #0)'],
    ],
    [
      'a lone statement object',
      { Statement: allow('*') },
      'critical',
      ['allows * on every resource (statement #0)'],
    ],
    [
      'a wildcard on one bucket',
      doc(allow('s3:*', 'arn:aws:s3:::logs/*')),
      undefined,
      [],
    ],
    ['a partial wildcard', doc(allow('s3:Get*')), undefined, []],
    [
      'a Deny of everything',
      doc({ Effect: 'Deny', Action: '*', Resource: '*' }),
      undefined,
      [],
    ],
    [
      'explicit actions',
      doc(allow(['s3:GetObject', 'ec2:DescribeInstances'])),
      undefined,
      [],
    ],
  ])('judges %s', (_name, document, risk, reasons) => {
    expect(assessDocument(document)).toEqual(
      risk === undefined ? { reasons } : { risk, reasons },
    );
  });

  it('keeps the highest risk and every reason once', () => {
    const assessment = assessDocument(
      doc(allow('s3:*'), allow('*'), allow('s3:*')),
    );

    expect(assessment).toEqual({
      risk: 'critical',
      reasons: [
        'allows s3:* on every resource (statement #0)',
        'allows * on every resource (statement #1)',
        'allows s3:* on every resource (statement #2)',
      ],
    });
  });
});

describe('assessManagedName', () => {
  it.each([
    ['arn:aws:iam::aws:policy/AdministratorAccess', true, 'critical'],
    ['arn:aws-cn:iam::aws:policy/IAMFullAccess', true, 'critical'],
    ['arn:aws:iam::aws:policy/PowerUserAccess', true, 'critical'],
    ['arn:aws:iam::aws:policy/AmazonS3FullAccess', false, 'high'],
    ['arn:aws:iam::aws:policy/AmazonS3FullAccess', true, undefined],
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', false, undefined],
    ['arn:aws:iam::123456789012:policy/AdministratorAccess', false, undefined],
  ])('judges %s (document present: %s) as %s', (arn, hasDocument, risk) => {
    expect(assessManagedName(arn, hasDocument).risk).toBe(risk);
  });
});

describe('decodePolicyDocument', () => {
  const object = doc(allow('s3:GetObject'));

  it.each([
    ['an object', object],
    ['JSON text', JSON.stringify(object)],
    ['URL-encoded JSON', encodeURIComponent(JSON.stringify(object))],
    [
      'URL-encoded JSON with + for spaces',
      encodeURIComponent(JSON.stringify(object, null, 1)).replaceAll(
        '%20',
        '+',
      ),
    ],
  ])('reads %s', (_name, raw) => {
    expect(decodePolicyDocument(raw)).toEqual(object);
  });

  it.each([
    ['not JSON', 'Allow everything'],
    ['a number', 42],
    ['an array', [object]],
    ['bad escapes', '%7B%ZZ'],
  ])('gives up on %s', (_name, raw) => {
    expect(decodePolicyDocument(raw)).toBeUndefined();
  });
});
