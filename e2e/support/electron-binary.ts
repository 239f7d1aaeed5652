/** Finds the Electron binary that `_electron` needs; absent where it could not be downloaded. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export function electronBinary(): string | undefined {
  const packageDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

export const ELECTRON_SKIP_REASON =
  'Electron specs skipped: the Electron binary is not installed (node_modules/electron/dist is missing; it downloads from outside the npm registry). Run `npx install-electron` on a machine with internet access to run them.';
