import { RolesmithError } from '../errors.ts';
import { isValidRoleId } from '../model/index.ts';

/**
 * The file a role lives in. Role ids are kebab-case, so a hostile id such
 * as `../../etc/passwd` can never become a path outside `rolesDir`.
 */
export function roleFilePath(rolesDir: string, id: string): string {
  if (!isValidRoleId(id)) {
    throw new RolesmithError(`"${id.slice(0, 60)}" is not a valid role id`, {
      code: 'input',
      expected: 'kebab-case such as finance-ap-clerk (a-z, 0-9, -)',
    });
  }
  return `${rolesDir}/${id}.yaml`;
}
