/**
 * "Read as…" for one source: force a format, state the time zone its zone-less times were written
 * in, or the date order — what detection cannot know — and a clock offset for a machine whose clock
 * was off. Changing how it is read reads the file again; an offset alone shifts the stored times.
 */
import { useEffect, useState } from 'react';
import type { FormatInfo, LogsiftApi, ReadOptions } from '../../../shared/api';
import type { SourceInfo } from '../../../shared/model/log-event';
import { formatOffset, parseOffset } from './source-colors';

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
  const [offset, setOffset] = useState(source.clockOffsetMs === 0 ? '' : formatOffset(source.clockOffsetMs));
  const offsetMs = parseOffset(offset);
  useEffect(() => {
    api.listFormats().then(setFormats, () => undefined);
  }, [api]);

  const report = (error: unknown) => onError(error instanceof Error ? error.message : String(error));
  const apply = () => {
    const options: ReadOptions = {};
    if (format) options.format = format;
    if (timeZone.trim()) options.timeZone = timeZone.trim();
    if (dayFirst) options.dayFirst = true;
    const unchanged =
      (options.format ?? '') === (source.readOptions.format ?? '') &&
      (options.timeZone ?? '') === (source.readOptions.timeZone ?? '') &&
      Boolean(options.dayFirst) === Boolean(source.readOptions.dayFirst);
    // A clock offset shifts the stored times; only a change of how the file is read reads it again.
    const shift = offsetMs !== null && offsetMs !== source.clockOffsetMs ? api.setSourceClockOffset(source.id, offsetMs) : Promise.resolve();
    shift.then(() => (unchanged ? undefined : api.reopenSource(source.id, options))).then(onClose, report);
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
      <label>
        Clock offset (added to every time)
        <input
          value={offset}
          placeholder="none, e.g. +2h, -00:05:30"
          onChange={(event) => setOffset(event.target.value)}
          aria-invalid={offsetMs === null}
          data-testid="read-as-offset"
        />
        {offsetMs === null && <span className="field-error">Not an offset: try +2h, -30m, +01:30:00</span>}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={dayFirst} onChange={(event) => setDayFirst(event.target.checked)} /> Dates are day first (31/12/2025)
      </label>
      <div className="popover-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={apply} disabled={offsetMs === null} data-testid="read-as-apply">
          Apply
        </button>
      </div>
    </div>
  );
}
