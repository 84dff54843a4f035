// ESLint for the widget's and the console's TypeScript (npm run lint, run by mvn verify).
// Formatting is Prettier's (.prettierrc.json), so no rule here is about layout.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['node_modules/**'] },
  {
    files: ['src/**/*.ts', 'console/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
  },
);
