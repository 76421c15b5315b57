// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const coreFolders = ['model', 'mining', 'evidence', 'checks'];

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      'import-x/no-default-export': 'error',
      'import-x/no-cycle': 'error',
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'simple-git',
              message:
                'Only src/gitops/ talks to git (use the Repo interface).',
            },
            {
              name: '@octokit/rest',
              message:
                'Only src/gitops/ talks to GitHub (use the Forge interface).',
            },
          ],
        },
      ],
    },
  },
  {
    // The pure core never reaches the world.
    files: coreFolders.map((f) => `src/${f}/**/*.ts`),
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/inventory/*',
                '**/catalogue/*',
                '**/gitops/*',
                '**/cli/*',
                'node:fs',
                'node:fs/*',
                'node:child_process',
                'simple-git',
                '@octokit/*',
              ],
              message: 'The pure core does no I/O (see docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/gitops/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['*.config.ts'],
    rules: { 'import-x/no-default-export': 'off' },
  },
);
