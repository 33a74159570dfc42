import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Boundaries from style.md, enforced where cheap: the policy engine is pure, only the shell
// touches Electron, and the renderer reaches main only through `import type` of the contract.
const noElectron = { name: 'electron', message: 'Only src-main/index.ts, preload.ts and src-main/app may import Electron.' }

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'tools/**/*.go'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [noElectron] }],
      // Go's byte semantics (policy engine, admin protocol) need control characters in patterns.
      'no-control-regex': 'off',
    },
  },
  { files: ['e2e/**'], rules: { 'no-empty-pattern': 'off' } },
  {
    files: ['src-main/index.ts', 'src-main/preload.ts', 'src-main/app/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-main/policy/**/*.ts'],
    ignores: ['src-main/policy/**/*.test.ts', 'src-main/policy/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['node:*', '**/shared/**', '**/services/**', '**/minio/**', '**/audit/**', '**/vault/**', '**/api/**', '**/cli/**'], message: 'src-main/policy is pure: no node:*, nothing outside src-main/policy.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['node:*'], message: 'The renderer has no Node.' }, { group: ['**/src-main/**'], allowTypeImports: true, message: 'The renderer may only `import type` from src-main.' }] }],
    },
  },
)
