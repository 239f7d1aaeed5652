/** Open (native dialog in Electron, upload in a browser), watch a folder, recent files, and column visibility. */
import { useRef, useState, type ReactNode } from 'react';
import type { HostInfo, LogsiftApi } from '../../../shared/api';
import { COLUMN_IDS, COLUMN_LABELS, type ColumnId } from '../log-grid/column-defs';
import { VisibleText } from '../text/visible-text';
import { WatchFolderButton } from '../watch/watch-folder-button';

export interface ToolbarProps {
  api: LogsiftApi;
  host: HostInfo;
  hiddenColumns: ReadonlySet<ColumnId>;
  onToggleColumn(column: ColumnId): void;
  onUpload(files: File[]): void;
  onError(message: string): void;
  /** More toolbar controls (the export menu). */
  extra?: ReactNode;
}

export function Toolbar({ api, host, hiddenColumns, onToggleColumn, onUpload, onError, extra }: ToolbarProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [recent, setRecent] = useState<string[] | null>(null);
  const [columnsOpen, setColumnsOpen] = useState(false);
  const report = (error: unknown) => onError(error instanceof Error ? error.message : String(error));

  const open = () => {
    if (host.canPickFiles) api.openFileDialog().catch(report);
    else fileInput.current?.click();
  };
  const toggleRecent = () => {
    if (recent) setRecent(null);
    else api.listRecentFiles().then(setRecent, report);
  };

  return (
    <div className="toolbar">
      <span className="brand">Logsift</span>
      <button type="button" onClick={open} data-testid="open-button">
        Open…
      </button>
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(event) => {
          onUpload([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
      <WatchFolderButton api={api} host={host} onError={onError} />
      <div className="menu-anchor">
        <button type="button" onClick={toggleRecent} aria-expanded={recent !== null}>
          Recent ▾
        </button>
        {recent && (
          <ul className="menu" role="menu">
            {recent.length === 0 && <li className="muted">No recent files</li>}
            {recent.map((path) => (
              <li key={path}>
                <button
                  type="button"
                  role="menuitem"
                  onClick={() => {
                    setRecent(null);
                    api.openRecentFile(path).catch(report);
                  }}
                >
                  <VisibleText text={path} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="menu-anchor">
        <button type="button" onClick={() => setColumnsOpen(!columnsOpen)} aria-expanded={columnsOpen} data-testid="columns-button">
          Columns ▾
        </button>
        {columnsOpen && (
          <ul className="menu" role="menu">
            {COLUMN_IDS.map((column) => (
              <li key={column}>
                <label>
                  <input type="checkbox" checked={!hiddenColumns.has(column)} onChange={() => onToggleColumn(column)} />{' '}
                  {COLUMN_LABELS[column]}
                </label>
              </li>
            ))}
          </ul>
        )}
      </div>
      {extra}
      <span className="host-mode">{host.mode === 'browser' ? 'Browser mode' : ''}</span>
    </div>
  );
}
