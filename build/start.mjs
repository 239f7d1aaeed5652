// `npm start`: launches the Electron app (on the demo folder unless paths follow `--`).
// Electron's binary is downloaded from outside the npm registry on first use; where that is not
// possible, say so plainly and point to the browser mode, which runs the same app.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  const installed = () => existsSync(pathFile) && existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
  if (!installed()) {
    // Electron 40+ fetches its binary on first use rather than at install time.
    console.log('Fetching the Electron runtime (first start only)…');
    const fetched = spawnSync(process.execPath, [join(packageDir, 'install.js')], { encoding: 'utf8' });
    const failure = `${fetched.stderr ?? ''}`.split('\n').find((line) => line.trim() !== '');
    if (fetched.status !== 0 && failure) console.log(`Download failed: ${failure.trim()}`);
  }
  return installed() ? join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined;
}

if (!existsSync(join(root, 'dist', 'node', 'main.js'))) {
  const built = spawnSync(process.execPath, [join(root, 'build', 'build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const binary = electronBinary();
if (!binary) {
  console.error(
    [
      '',
      'Logsift could not start its desktop window: the Electron runtime is not installed and could not be',
      'downloaded (Electron fetches its binary from outside the npm registry, which this machine cannot reach).',
      'Everything else is installed, and the same app runs in your browser:',
      '',
      '    npx logsift serve demo/logs        (or any log files or folders)',
      '',
      'then open the URL it prints. On a machine with internet access, `npm start` downloads Electron once',
      'and opens the desktop app.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const child = spawn(binary, [join(root, 'dist', 'node', 'main.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
