/**
 * Browser mode's "Watch folder…": the page cannot browse the server's disk, so the user types the
 * folder's path (as the server sees it). The engine's refusal ("no such folder") is shown here,
 * beside the field it is about, rather than in the page-wide error banner.
 */
import { useState, type FormEvent } from 'react';
import type { LogsiftApi } from '../../../shared/api';
import { parseGlobs } from './parse-globs';

export interface WatchFolderFormProps {
  api: LogsiftApi;
  onDone(): void;
}

export function WatchFolderForm({ api, onDone }: WatchFolderFormProps) {
  const [path, setPath] = useState('');
  const [recursive, setRecursive] = useState(true);
  const [include, setInclude] = useState('');
  const [exclude, setExclude] = useState('');
  const [polling, setPolling] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim() === '' || busy) return;
    setBusy(true);
    setProblem(null);
    api
      .watchFolder(path.trim(), { recursive, include: parseGlobs(include), exclude: parseGlobs(exclude), polling })
      .then(onDone, (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)))
      .finally(() => setBusy(false));
  };

  return (
    <form
      className="popover watch-form"
      role="dialog"
      aria-label="Watch folder"
      data-testid="watch-form"
      onSubmit={submit}
    >
      <label>
        Folder on the server
        <input
          value={path}
          placeholder="/var/log/app or D:\Logs"
          onChange={(event) => setPath(event.target.value)}
          autoFocus
          spellCheck={false}
          data-testid="watch-path"
        />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={recursive} onChange={(event) => setRecursive(event.target.checked)} data-testid="watch-recursive" /> Include
        subfolders
      </label>
      <label>
        Only files matching (comma-separated)
        <input value={include} placeholder="*.log, app-*.txt" onChange={(event) => setInclude(event.target.value)} spellCheck={false} data-testid="watch-include" />
      </label>
      <label>
        Leave out files matching
        <input value={exclude} placeholder="*.gz, archive/**" onChange={(event) => setExclude(event.target.value)} spellCheck={false} data-testid="watch-exclude" />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={polling} onChange={(event) => setPolling(event.target.checked)} data-testid="watch-polling" /> Poll for changes
        (network shares)
      </label>
      {problem && (
        <p className="form-problem" role="alert" data-testid="watch-problem">
          {problem}
        </p>
      )}
      <div className="popover-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || path.trim() === ''} data-testid="watch-submit">
          Watch
        </button>
      </div>
    </form>
  );
}
