import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { EventDetail } from '../../../shared/model/log-event';
import { DETAIL_TEXT_LIMIT, DETAIL_VALUE_LIMIT, DetailBody } from './detail-body';

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

  it('shows hidden characters as markers in the message, fields, data and raw text', () => {
    const spoofed = renderToStaticMarkup(
      <DetailBody
        detail={{ ...DETAIL, message: 'a\u202Eb', computer: 'DC01\u200B', data: { 'na\u0000me': '\u001b[2J' }, raw: 'raw\u0007' }}
        highlight={[]}
      />,
    );
    const marker = (text: string) => `<span class="hidden-char">${text}</span>`;
    expect(spoofed).toContain(`<pre class="detail-message" data-testid="detail-message">a${marker('⟨U+202E⟩')}b</pre>`);
    expect(spoofed).toContain(`<dd>DC01${marker('⟨U+200B⟩')}</dd>`);
    expect(spoofed).toContain(`<th scope="row">na${marker('␀')}me</th><td>${marker('␛')}[2J</td>`);
    expect(spoofed).toContain(`raw${marker('␇')}</pre>`);
    expect(spoofed).not.toMatch(/[\u0000\u0007\u001b\u200b\u202e]/);
  });

  it('shows the start of huge text with a note, so a 10 MB line cannot freeze the pane', () => {
    const huge = 'A'.repeat(10 * 1024 * 1024);
    const html = renderToStaticMarkup(<DetailBody detail={{ ...DETAIL, message: huge, raw: huge, data: { big: huge } }} highlight={[]} />);
    expect(html.length).toBeLessThan(2 * DETAIL_TEXT_LIMIT + DETAIL_VALUE_LIMIT + 5_000);
    const more = (huge.length - DETAIL_TEXT_LIMIT).toLocaleString('en-US');
    expect(html).toContain(`The first 100,000 characters of the message; ${more} more are not shown.`);
    expect(html).toContain(`The first 100,000 characters of the raw text; ${more} more are not shown.`);
    expect(html).toContain(`${'A'.repeat(DETAIL_VALUE_LIMIT)} … [${(huge.length - DETAIL_VALUE_LIMIT).toLocaleString('en-US')} more characters]</td>`);
  });
});
