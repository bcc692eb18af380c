import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const UI_PACKAGES = ['react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', 'zustand/*', 'zundo'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'bench/results.json', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Text from files and users is rendered as text, never as HTML.',
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The model and file formats run in Node (CLI, tests, workers): no UI libraries, no DOM.
    files: [
      'src/model/**/*.ts',
      'src/io/**/*.ts',
      'src/layout/**/*.ts',
      'src/cli/**/*.ts',
      'src/compare/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: UI_PACKAGES,
              message: 'model, io, layout, compare and cli code stays free of UI libraries.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/model/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-globals': [
        'error',
        'document',
        'window',
        'localStorage',
        'indexedDB',
        'navigator',
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);
