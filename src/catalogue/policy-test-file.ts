import type { Finding, PolicyTestFile } from '../model/index.ts';
import type { IdentityKind } from '../model/index.ts';
import { builtinSchema } from './schemas.ts';
import { validateSource } from './schema-findings.ts';
import type { YamlSource } from './yaml-source.ts';

interface RawPolicyTests {
  name: string;
  tests: {
    name: string;
    identities: {
      id: string;
      kind?: IdentityKind;
      roles?: string[];
      entitlements?: string[];
    }[];
    expect: {
      code: string;
      identity?: string;
      risk?: string;
      role_set?: string;
    }[];
  }[];
}

export function parsePolicyTestSource(source: YamlSource): {
  file?: PolicyTestFile;
  findings: Finding[];
} {
  const findings = validateSource(builtinSchema('policy-test'), source);
  if (findings.length > 0) return { findings };
  const raw = source.data as RawPolicyTests;
  return {
    file: {
      file: source.file,
      name: raw.name,
      tests: raw.tests.map((test, index) => ({
        name: test.name,
        path: `/tests/${index}`,
        identities: test.identities.map((identity) => ({
          id: identity.id,
          kind: identity.kind ?? 'human',
          roles: identity.roles ?? [],
          entitlements: identity.entitlements ?? [],
        })),
        expect: test.expect.map((expectation) => ({
          code: expectation.code,
          ...(expectation.identity !== undefined && {
            identity: expectation.identity,
          }),
          ...(expectation.risk !== undefined && { risk: expectation.risk }),
          ...(expectation.role_set !== undefined && {
            roleSet: expectation.role_set,
          }),
        })),
      })),
    },
    findings,
  };
}
