/**
 * The recent-files list, kept in the user-data folder as JSON. It is also the allow-list for
 * `openRecentFile`: the renderer may only reopen a path the user opened before.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const MAX_RECENT = 12;

export class RecentFiles {
  private paths: string[] | undefined;

  constructor(private readonly userDataDir: string) {}

  private get file(): string {
    return join(this.userDataDir, 'recent-files.json');
  }

  async list(): Promise<string[]> {
    if (!this.paths) {
      try {
        const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
        this.paths = Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT) : [];
      } catch {
        this.paths = [];
      }
    }
    return [...this.paths];
  }

  async add(paths: readonly string[]): Promise<void> {
    const current = await this.list();
    const next = [...paths, ...current.filter((p) => !paths.includes(p))].slice(0, MAX_RECENT);
    this.paths = next;
    await mkdir(this.userDataDir, { recursive: true });
    await writeFile(this.file, JSON.stringify(next, null, 2));
  }

  async includes(path: string): Promise<boolean> {
    return (await this.list()).includes(path);
  }
}
