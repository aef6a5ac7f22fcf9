// ESLint (flat config): the recommended rules, browser globals for the app, Node globals
// for the tests, and the app's two rules for events: handlers are found by the one
// delegated listener in main.js (data-action), never set on fresh nodes (`el.onclick =`)
// nor attached later by a timer.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['dist/', 'node_modules/'] },
  js.configs.recommended,
  {
    files: ['src/**/*.js'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'AssignmentExpression > MemberExpression.left[property.name=/^on[a-z]+$/]',
          message: 'Use data-action and the delegated listener in main.js, not on<event> =.',
        },
        {
          selector: "CallExpression[callee.property.name='addEventListener']",
          message: 'Only main.js listens; use data-action.',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'No timers: render, then act through data-action.' },
        { name: 'setInterval', message: 'No timers: render, then act through data-action.' },
      ],
    },
  },
  {
    files: ['src/main.js', 'src/widgets/chart.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['tests/**/*.mjs', 'eslint.config.js', 'vite.config.js'],
    // Node, and the browser's globals in the functions the tests run inside the page.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
];
