import type { DirectException, PolicySet } from './policy.ts';
import type { PolicyTestFile } from './policy-test.ts';
import type { Role } from './role.ts';

/** A role with the file it was read from. */
export interface RoleEntry {
  role: Role;
  file: string;
}

export interface ExceptionEntry {
  exception: DirectException;
  file: string;
}

/** The approved catalogue: roles, approved exceptions and policies. */
export interface Catalogue {
  roles: RoleEntry[];
  exceptions: ExceptionEntry[];
  policies: PolicySet;
  policyTests: PolicyTestFile[];
}
