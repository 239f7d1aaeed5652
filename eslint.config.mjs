// Lint: typescript-eslint's recommended rules plus the layer rules. The folder says where code
// runs, and these rules keep imports honest about it:
//   shared/    runs anywhere: no Node, DOM-only, Electron, React, or host/renderer code
//   renderer/  the page: no Node, no Electron, no host code
//   electron/engine, serve, cli: Node only, never 'electron'
//   ipcMain/ipcRenderer only in electron/ipc and the preload
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'stream', 'http', 'crypto', 'util', 'net'];
const nodeImports = [{ group: ['node:*', ...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `${m}/*`)], message: 'Node APIs are host-side only.' }];

export default tseslint.config(
  { ignores: ['**/*.tmp.*', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bin/**', 'bench/.data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ runs anywhere: no Electron.' }, { name: 'react', message: 'shared/ has no UI.' }],
          patterns: [
            ...nodeImports,
            { regex: '^(\\.\\./)+(electron|renderer)(/|$)', message: 'shared/ must not depend on either side.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the host only through the shared contract.' }],
          patterns: [...nodeImports, { regex: '^(\\.\\./)+electron(/|$)', message: 'The renderer must not import host code.' }],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/serve/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The engine, serve and CLI run without Electron.' }],
          patterns: [{ regex: '^(\\.\\./)+renderer(/|$)', message: 'Host code must not import the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/ipc/**', 'electron/preload.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]",
          message: 'Use electron/ipc/register-api.ts (main) or the preload; nothing else touches IPC directly.',
        },
      ],
    },
  },
);
