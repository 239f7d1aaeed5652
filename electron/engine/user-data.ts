/** Where Logsift keeps its settings when it is not running inside Electron (serve, CLI). */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultUserDataDir(): string {
  if (process.env.LOGSIFT_USER_DATA) return process.env.LOGSIFT_USER_DATA;
  const config = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(config, 'logsift');
}
