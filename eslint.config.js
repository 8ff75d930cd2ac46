// ESLint (flat config): typescript-eslint's type-checked rules over every tsconfig, plus the walls between runtimes.
const { builtinModules } = require('node:module');
const { defineConfig, globalIgnores } = require('eslint/config');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const comments = require('@eslint-community/eslint-plugin-eslint-comments/configs');
const globals = require('globals');

/** Apps Script services: only src/gas/services.ts may touch them; everything else receives `Services`. */
const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp',
  'Session',
  'PropertiesService',
  'CacheService',
  'LockService',
  'ScriptApp',
  'MailApp',
  'HtmlService',
  'Utilities',
  'Logger',
  'Charts',
];
const NODE_GLOBALS = ['process', 'require', 'Buffer', '__dirname', '__filename', 'module', 'global'];
const BROWSER_GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage'];

const restrictGlobals = (names, why) => names.map((name) => ({ name, message: `${name}: ${why}` }));
/** Node built-ins, for code that runs in Apps Script or the browser. */
const NODE_MODULES = builtinModules.filter((m) => !m.startsWith('node:')); // `node:*` is a pattern below
const noNode = {
  group: ['node:*'],
  message: 'Apps Script V8 and the browser have no Node modules.',
};

module.exports = defineConfig([
  globalIgnores([
    'dist/',
    'dist-regional/',
    'lib/',
    'out/',
    'coverage/',
    'test-artifacts/',
    'node_modules/',
    'samples/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  comments.recommended,
  {
    languageOptions: {
      parserOptions: {
        // Each file is typed by its nearest tsconfig.json: the root one (src, test, bench) or src/ui's
        // (DOM, no Node or Apps Script types). tsconfig.core.json's purity is checked by `tsc` and by the
        // restrictions on src/core below.
        projectService: true,
        tsconfigRootDir: __dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@eslint-community/eslint-comments/no-unused-disable': 'error',
      // Same convention as tsc's noUnusedParameters: a leading _ marks a parameter kept for its position
      // (an interface's signature), or a rest sibling dropped on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // Code.ts is an Apps Script *script*: its top-level functions are the globals Apps Script calls, and it is
  // typed by `declare const Roadmap: typeof import('./app')`, since a script has no import statement.
  {
    files: ['src/gas/Code.ts', 'src/gas/regional/Code.ts'],
    languageOptions: { sourceType: 'script' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { vars: 'local', argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
    },
  },

  // Build scripts and config files are plain JavaScript for Node, outside every tsconfig.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Exported API states its types.
  {
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/explicit-module-boundary-types': 'error' },
  },

  // src/core: pure domain code, the same in Apps Script, Node and the browser.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(
          APPS_SCRIPT_GLOBALS,
          'src/core is pure; the Apps Script service comes in through Services.',
        ),
        ...restrictGlobals(NODE_GLOBALS, 'src/core is pure; no Node.'),
        ...restrictGlobals(BROWSER_GLOBALS, 'src/core is pure; no DOM.'),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='globalThis']",
          message: 'src/core is pure: reach no host object through globalThis.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: '«Today» is an argument in src/core, never Date.now().',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [...NODE_MODULES, 'exceljs', 'nodemailer', '@duckdb/node-api', 'cli-progress'].map(
            (name) => ({
              name,
              message: 'src/core is pure: no Node or Node-only packages.',
            }),
          ),
          patterns: [
            noNode,
            {
              regex: '^\\.\\./(sheets|local|gas|ui)(/|$)',
              message: 'src/core depends on nothing outside src/core.',
            },
          ],
        },
      ],
    },
  },

  // src/sheets: jobs over the Services ports; runs in Apps Script, so no Node and no local host.
  {
    files: ['src/sheets/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(
          APPS_SCRIPT_GLOBALS,
          'jobs use the Services they receive, never the Google globals.',
        ),
        ...restrictGlobals(NODE_GLOBALS, 'the bundle runs in Apps Script, not Node.'),
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [...NODE_MODULES, 'exceljs', 'nodemailer', '@duckdb/node-api', 'cli-progress'].map(
            (name) => ({
              name,
              message: 'src/sheets runs in Apps Script: no Node modules.',
            }),
          ),
          patterns: [
            noNode,
            {
              regex: '^\\.\\./(local|ui)(/|$)',
              message: 'src/sheets must not depend on the local host or the sidebar.',
            },
          ],
        },
      ],
    },
  },

  // src/gas: the Apps Script entry and composition root (the one place Google globals are allowed).
  {
    files: ['src/gas/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(NODE_GLOBALS, 'the bundle runs in Apps Script, not Node.'),
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [...NODE_MODULES, 'exceljs', 'nodemailer', '@duckdb/node-api', 'cli-progress'].map(
            (name) => ({
              name,
              message: 'src/gas runs in Apps Script: no Node modules.',
            }),
          ),
          patterns: [
            noNode,
            {
              regex: '^\\.\\./(local|ui)(/|$)',
              message: 'The bundle must not include the local host or the sidebar.',
            },
          ],
        },
      ],
    },
  },

  // src/ui: the sidebar page; browser globals only.
  {
    files: ['src/ui/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(
          APPS_SCRIPT_GLOBALS,
          'the sidebar runs in the browser; call the server through google.script.run.',
        ),
        ...restrictGlobals(NODE_GLOBALS, 'the sidebar runs in the browser, not Node.'),
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [...NODE_MODULES, 'exceljs', 'nodemailer', '@duckdb/node-api', 'cli-progress'].map(
            (name) => ({
              name,
              message: 'The sidebar runs in the browser: no Node modules.',
            }),
          ),
          patterns: [
            noNode,
            {
              regex: '^\\.\\./(sheets|local)(/|$)',
              message: 'The sidebar shares only src/core and src/gas/endpoints.',
            },
          ],
        },
      ],
    },
  },

  // Tests: relaxed where a test idiom needs it.
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Jest's asymmetric matchers (expect.stringContaining, expect.any, expect.objectContaining) are typed
      // `any` by @types/jest, so putting one inside an expected object is an "unsafe" any assignment.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
]);
