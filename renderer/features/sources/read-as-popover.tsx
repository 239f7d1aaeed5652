/**
 * "Read as…" for one source: force a format, state the time zone its zone-less times were written
 * in, or the date order — what detection cannot know. Applying reads the file again.
 */
import { useEffect, useState } from 'react';
import type { FormatInfo, LogsiftApi, ReadOptions } from '../../../shared/api';
import type { SourceInfo } from '../../../shared/model/log-event';

const COMMON_ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];

export interface ReadAsPopoverProps {
  api: LogsiftApi;
  source: SourceInfo;
  onClose(): void;
  onError(message: string): void;
}

export function ReadAsPopover({ api, source, onClose, onError }: ReadAsPopoverProps) {
  const [formats, setFormats] = useState<FormatInfo[]>([]);
  const [format, setFormat] = useState(source.readOptions.format ?? '');
  const [timeZone, setTimeZone] = useState(source.readOptions.timeZone ?? '');
  const [dayFirst, setDayFirst] = useState(source.readOptions.dayFirst ?? false);
  useEffect(() => {
    api.listFormats().then(setFormats, () => undefined);
  }, [api]);

  const apply = () => {
    const options: ReadOptions = {};
    if (format) options.format = format;
    if (timeZone.trim()) options.timeZone = timeZone.trim();
    if (dayFirst) options.dayFirst = true;
    api.reopenSource(source.id, options).then(onClose, (error: unknown) => onError(error instanceof Error ? error.message : String(error)));
  };

  return (
    <div className="popover" role="dialog" aria-label={`Read ${source.name} as`} data-testid="read-as">
      <label>
        Format
        <select value={format} onChange={(event) => setFormat(event.target.value)} data-testid="read-as-format">
          <option value="">Detect ({source.formatLabel ?? 'unknown'})</option>
          {formats.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Times were written in
        <input
          list="logsift-zones"
          value={timeZone}
          placeholder="as written (no zone)"
          onChange={(event) => setTimeZone(event.target.value)}
          data-testid="read-as-zone"
        />
        <datalist id="logsift-zones">
          {COMMON_ZONES.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={dayFirst} onChange={(event) => setDayFirst(event.target.checked)} /> Dates are day first (31/12/2025)
      </label>
      <div className="popover-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={apply} data-testid="read-as-apply">
          Read again
        </button>
      </div>
    </div>
  );
}
