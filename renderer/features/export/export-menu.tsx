/**
 * Export the view: the same query the grid runs (filters, search, sort, the KB's hidden rows
 * left out unless shown), its visible columns in their order, or only the selected rows. Electron
 * asks where to save; a browser downloads the file the server wrote. Progress with Cancel.
 */
import type { GridApi } from 'ag-grid-community';
import { useEffect, useState } from 'react';
import type { LogsiftClient } from '../../../shared/api';
import { EXPORT_COLUMNS, EXPORT_FORMAT_LABELS, EXPORT_FORMATS, type ExportColumn, type ExportFormat, type ExportProgress } from '../../../shared/model/export';
import type { EventRow } from '../../../shared/model/log-event';
import type { EventQuery } from '../../../shared/model/query';
import { formatCount } from '../../format';

export interface ExportMenuProps {
  client: LogsiftClient;
  query: EventQuery;
  gridApi: GridApi<EventRow> | null;
  onError(message: string): void;
}

/**
 * The grid's visible columns, in the order the user arranged them. The grid's File column becomes
 * the export's file path when several files are merged (one file's export names it already), and
 * the bookmark column is exported when there are bookmarks (an empty column helps nobody).
 */
async function exportColumns(client: LogsiftClient, gridApi: GridApi<EventRow> | null): Promise<ExportColumn[]> {
  const [sources, bookmarks] = await Promise.all([client.listSources(), client.listBookmarks()]);
  const ids = (gridApi?.getAllDisplayedColumns().map((column) => column.getColId()) ?? []).flatMap((id) => {
    if (id === 'source') return sources.length > 1 ? ['file'] : [];
    if (id === 'bookmark') return bookmarks.length > 0 ? ['bookmark'] : [];
    return [id];
  });
  const columns = ids.filter((id): id is ExportColumn => (EXPORT_COLUMNS as readonly string[]).includes(id));
  return columns.length > 0 ? columns : ['time', 'level', 'provider', 'eventId', 'message'];
}

export function ExportMenu({ client, query, gridApi, onError }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [bom, setBom] = useState(true);
  const [selectedOnly, setSelectedOnly] = useState(false);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => client.on('exportProgress', setProgress), [client]);

  const selected = gridApi?.getSelectedRows().map((row) => row.id) ?? [];
  const start = async () => {
    setDone(null);
    try {
      const result = await client.exportView({
        query,
        format,
        columns: await exportColumns(client, gridApi),
        ...(selectedOnly && selected.length > 0 ? { ids: selected } : {}),
        ...(format === 'csv' ? { bom } : {}),
      });
      if (!result) return;
      if (result.downloadUrl) {
        const link = document.createElement('a');
        link.href = result.downloadUrl;
        link.download = result.fileName;
        link.click();
      }
      setDone(`${formatCount(result.rows)} entries exported to ${result.fileName}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!/cancelled/i.test(message)) onError(`Export failed: ${message}`);
    }
  };

  const running = progress?.state === 'running';
  return (
    <div className="menu-anchor">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="export-button">
        Export ▾
      </button>
      {open && (
        <div className="menu export-menu" role="dialog" aria-label="Export the view">
          <label>
            Format{' '}
            <select value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)} data-testid="export-format">
              {EXPORT_FORMATS.map((id) => (
                <option key={id} value={id}>
                  {EXPORT_FORMAT_LABELS[id]}
                </option>
              ))}
            </select>
          </label>
          {format === 'csv' && (
            <label>
              <input type="checkbox" checked={bom} onChange={(event) => setBom(event.target.checked)} /> UTF-8 byte-order mark (for Excel)
            </label>
          )}
          <label>
            <input type="checkbox" checked={selectedOnly} disabled={selected.length === 0} onChange={(event) => setSelectedOnly(event.target.checked)} /> Only the
            selected entry{selected.length === 1 ? '' : 's'} ({selected.length})
          </label>
          <p className="muted">The view as shown: its filters, search, order and visible columns{query.showHidden ? ', hidden entries included' : '; what the KB hides stays out'}.</p>
          <div className="menu-actions">
            {running ? (
              <>
                <progress max={Math.max(1, progress.total)} value={progress.rows} aria-label="Export progress" />
                <button type="button" onClick={() => void client.cancelExport(progress.exportId)} data-testid="export-cancel">
                  Cancel
                </button>
              </>
            ) : (
              <button type="button" className="primary" onClick={() => void start()} data-testid="export-start">
                Export
              </button>
            )}
          </div>
          {done && (
            <p className="notice" role="status" data-testid="export-done">
              {done}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
