import { describe, expect, it } from 'vitest';
import { RolesmithError } from '../errors.ts';
import { roleFilePath } from './role-path.ts';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('roleFilePath', () => {
  it.each([
    ['roles', 'ap-clerk', 'roles/ap-clerk.yaml'],
    ['roles/finance', 'ap-clerk', 'roles/finance/ap-clerk.yaml'],
    ['roles', 'a', 'roles/a.yaml'],
    ['roles', '2fa-admins', 'roles/2fa-admins.yaml'],
    ['roles', 'a'.repeat(100), `roles/${'a'.repeat(100)}.yaml`],
  ])('places %s + %s at %s', (dir, id, path) => {
    expect(roleFilePath(dir, id)).toBe(path);
  });

  it.each([
    ['a parent reference', '../x'],
    ['a deep parent reference', '../../etc/passwd'],
    ['a bare parent', '..'],
    ['a sub-folder', 'a/b'],
    ['a backslash', 'a\\b'],
    ['an absolute path', '/etc/passwd'],
    ['upper case', 'UPPER'],
    ['the empty string', ''],
    ['101 characters', 'a'.repeat(101)],
    ['a leading hyphen', '-clerk'],
    ['a trailing hyphen', 'clerk-'],
    ['a double hyphen', 'ap--clerk'],
    ['an underscore', 'ap_clerk'],
    ['a dot', 'ap.clerk'],
    ['a file extension', 'ap-clerk.yaml'],
    ['a space', 'ap clerk'],
    ['a trailing newline', 'ap-clerk\n'],
    ['a NUL byte', 'ap-clerk\u0000'],
  ])('rejects an id with %s as an input error', (_name, id) => {
    const error = thrown(() => roleFilePath('roles', id));

    expect(error).toBeInstanceOf(RolesmithError);
    expect(error).toMatchObject({
      code: 'input',
      exitCode: 2,
      message: `"${id.slice(0, 60)}" is not a valid role id`,
      expected: 'kebab-case such as finance-ap-clerk (a-z, 0-9, -)',
    });
  });

  it('shortens a long id in the message', () => {
    const error = thrown(() => roleFilePath('roles', `${'x'.repeat(70)}/..`));

    expect((error as RolesmithError).message).toMatchInlineSnapshot(
      `""xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" is not a valid role id"`,
    );
  });

  it('describes the error with what was expected', () => {
    const error = thrown(() => roleFilePath('roles', '../x'));

    expect((error as RolesmithError).describe()).toMatchInlineSnapshot(`
      ""../x" is not a valid role id
        expected: kebab-case such as finance-ap-clerk (a-z, 0-9, -)"
    `);
  });
});
