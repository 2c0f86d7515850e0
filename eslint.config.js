import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const serverNeverImportsWeb = { group: ['**/web/**'], message: 'The server never imports the web app.' };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/server/db/migrations/', 'screenshots/', 'content/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/web/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'The web app talks to the server only through the API.' }] },
      ],
    },
  },
  {
    files: ['src/server/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [serverNeverImportsWeb] }] },
  },
  {
    // Inside a domain folder (src/server/<domain>/): its own queries are `./queries.js`; another
    // domain's are reached through its service. (This replaces the block above for these files,
    // so it repeats its pattern.)
    files: ['src/server/*/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            serverNeverImportsWeb,
            {
              regex: '^(\\.\\./)+[^./][^/]*/queries(\\.js)?$',
              message: "A domain calls another domain's service.ts, never its queries.ts (STYLE.md, Boundaries).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/web/**', 'node:*'],
              message: 'shared/ is isomorphic: no server, web or Node imports.',
            },
          ],
        },
      ],
    },
  },
);
