import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Fixture pages are hostile on purpose (innerHTML under Trusted Types, overridden built-ins).
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'data/', 'web-ext-artifacts/', 'tests/browser/.artifacts/', 'tests/browser/fixtures/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Set text with textContent: page and dataset strings are never HTML.' },
        { property: 'outerHTML', message: 'Set text with textContent: page and dataset strings are never HTML.' },
        { property: 'insertAdjacentHTML', message: 'Build nodes instead of parsing HTML strings.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No HTML strings in the UI.' },
        { selector: "CallExpression[callee.name='eval']", message: 'No eval: no remote or generated code.' },
      ],
    },
  },
);
