import type { IdentityKind } from './identity.ts';

export interface PolicyTestIdentity {
  id: string;
  kind: IdentityKind;
  roles: string[];
  entitlements: string[];
}

/** One expected finding; only the fields given are compared. */
export interface PolicyTestExpectation {
  code: string;
  identity?: string;
  risk?: string;
  roleSet?: string;
}

export interface PolicyTest {
  name: string;
  identities: PolicyTestIdentity[];
  expect: PolicyTestExpectation[];
  /** JSON Pointer of the test inside its file, for findings. */
  path: string;
}

export interface PolicyTestFile {
  file: string;
  name: string;
  tests: PolicyTest[];
}
