import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { EventDetail } from '../../../shared/model/log-event';
import { DetailBody } from './detail-body';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const DETAIL: EventDetail = {
  id: 1,
  sourceId: 1,
  time: Date.UTC(2025, 0, 1, 10, 0, 0, 5),
  level: 'error',
  provider: 'App',
  eventId: 1000,
  category: null,
  computer: null,
  user: null,
  message: `failed: ${HOSTILE}`,
  unparsed: false,
  kb: null,
  bookmark: null,
  channel: null,
  recordId: null,
  data: { Target: HOSTILE },
  raw: `<Event><Data>${HOSTILE}</Data></Event>`,
  line: 7,
  file: 'hostile.evtx',
  format: 'evtx',
  unparsedReason: null,
};

describe('DetailBody', () => {
  const html = renderToStaticMarkup(<DetailBody detail={DETAIL} highlight={[/failed/]} />);

  it('renders message, data and raw XML as text only', () => {
    expect(html).not.toContain('<img');
    expect(html).toContain('<mark class="search-hit">failed</mark>: &lt;img src=x');
    expect(html).toContain('<th scope="row">Target</th><td>&lt;img');
    expect(html).toContain('<h3>Record XML</h3>');
    expect(html).toContain('&lt;Event&gt;&lt;Data&gt;');
  });

  it('lists the fields with milliseconds and the record offset', () => {
    expect(html).toContain('<dt>Time (UTC)</dt><dd>2025-01-01 10:00:00.005 UTC</dd>');
    expect(html).toContain('<dd>hostile.evtx (offset 0x7)</dd>');
  });
});
