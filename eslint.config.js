import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { layering } from './scripts/lint/layering.plugin.js'

// The contract's leaf: schemas, the Result envelope and error codes, the plain channel list.
const CONTRACT_LEAF = ['src-main/api/*.contract.ts', 'src-main/api/{channels,contract,fields,result}.ts']
// Code that only tests run: it may reach anywhere, and nothing in the product may reach it.
const TESTS = ['**/*.test.ts', '**/*.test.svelte.ts', 'e2e/**', 'bench/**', 'scripts/**']
// Every fixture, world and helper of the tests lives in src-main/testbed (its README says what is where).
const TEST_BED = ['src-main/testbed/**']
const NOT_PRODUCT = [...TESTS, ...TEST_BED]
// Everything below the contract: what the services are made of.
const BELOW_CONTRACT = ['services', 'minio', 'vault', 'audit', 'bulk', 'snapshot', 'access', 'checklist', 'storage', 'shared', 'policy']
const FRONTS = ['src-main/app/**', 'src-main/browser/**', 'src-main/cli/**', 'src-main/index.ts', 'src-main/preload.ts']

/**
 * The boundaries table of docs/style.md, one lint rule each (`layering/<name>`). The message is
 * what a developer reads when crossing it; layering.test.ts crosses each one on purpose.
 * @type {import('./scripts/lint/layering.plugin.js').Boundary[]}
 */
export const BOUNDARIES = [
  {
    name: 'electron-in-shell-only',
    files: ['**/*.{ts,js,svelte}'],
    ignores: ['src-main/index.ts', 'src-main/preload.ts', 'src-main/app/**'],
    forbid: ['electron', 'electron/**'],
    message: 'Only src-main/index.ts, preload.ts and src-main/app may import Electron.',
  },
  {
    name: 'policy-is-pure',
    files: ['src-main/policy/**'],
    ignores: NOT_PRODUCT,
    forbid: ['**'],
    except: ['src-main/policy/**'],
    message: 'src-main/policy is pure: no node:*, no packages, nothing outside src-main/policy.',
  },
  {
    name: 'below-the-contract',
    files: BELOW_CONTRACT.map((folder) => `src-main/${folder}/**`),
    ignores: NOT_PRODUCT,
    forbid: ['src-main/api/**', ...FRONTS],
    except: ['src-main/api/result.ts'],
    message: 'Services and what they are made of import nothing from src-main/api but api/result.ts (the Result and error codes), and nothing from the shell, browser mode or the CLI.',
  },
  {
    name: 'cli-beside-the-adapters',
    files: ['src-main/cli/**'],
    ignores: NOT_PRODUCT,
    forbid: ['src-main/api/**', 'src-main/app/**', 'src-main/browser/**', 'src-main/index.ts', 'src-main/preload.ts'],
    except: CONTRACT_LEAF,
    message: 'The CLI calls the services itself: from src-main/api it may use only the leaf contract, never the adapters or dispatch.',
  },
  {
    name: 'contract-is-leaf',
    files: CONTRACT_LEAF,
    forbid: ['**'],
    except: ['zod', 'zod/**', ...CONTRACT_LEAF],
    message: 'The contract is a leaf: its modules import only zod and each other.',
  },
  {
    name: 'adapters-call-services',
    files: ['src-main/api/**'],
    ignores: [...NOT_PRODUCT, ...CONTRACT_LEAF],
    forbid: ['src-main/minio/**', 'src-main/audit/**', 'src-main/bulk/**', 'src-main/snapshot/**', ...FRONTS],
    except: ['src-main/audit/audit.service.ts', 'src-main/snapshot/snapshot.service.ts'],
    message: 'Adapters parse, make one service call and answer: no admin client (src-main/minio), no audit, bulk or snapshot internals, only their services.',
  },
  {
    name: 'preload-channels-only',
    files: ['src-main/preload.ts', 'src-main/preload/**'],
    forbid: ['**'],
    except: ['electron', 'src-main/api/channels.ts'],
    message: 'The sandboxed preload imports only electron and the plain channel list (src-main/api/channels.ts).',
  },
  {
    name: 'renderer-types-only',
    files: ['src-renderer/**/*.{ts,svelte}'],
    forbid: ['src-main/**', 'node:*', 'node:**'],
    typesFrom: CONTRACT_LEAF,
    message: 'The renderer has no Node and reaches main only through the contract: `import type` from src-main/api contract modules.',
  },
  {
    name: 'main-not-renderer',
    files: ['src-main/**'],
    // The test bed is test code too: a live suite's helper builds the tester's input as the screen does.
    ignores: NOT_PRODUCT,
    forbid: ['src-renderer/**'],
    message: 'Nothing in src-main imports src-renderer.',
  },
  {
    name: 'testbed-in-tests-only',
    files: ['src-main/**', 'src-renderer/**'],
    ignores: NOT_PRODUCT,
    forbid: [...TEST_BED, 'e2e/**', 'bench/**'],
    message: 'The test bed is for tests, bench and e2e only: product code never imports it.',
  },
]

const NO_CLIENT = 'Adapters never open an admin client: every read and change goes through the IAM service.'

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
      // Go's byte semantics (policy engine, admin protocol) need control characters in patterns.
      'no-control-regex': 'off',
    },
  },
  { files: ['e2e/**'], rules: { 'no-empty-pattern': 'off' } },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  ...layering(BOUNDARIES, import.meta.dirname),
  {
    // An adapter reaches MinIO only through the audited IAM service: it never opens a client.
    name: 'layering/adapters-open-no-client',
    files: ['src-main/api/**'],
    ignores: NOT_PRODUCT,
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='adminClient']", message: NO_CLIENT },
        { selector: "NewExpression[callee.name='AdminClient']", message: NO_CLIENT },
      ],
    },
  },
)
