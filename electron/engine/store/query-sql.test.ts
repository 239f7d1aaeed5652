import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventQuery } from '../../../shared/model/query';
import type { IngestItem } from '../ingest/ingest-item';
import { EventStore } from './event-store';
import { buildFilter } from './query-sql';
import { storeTestEntries, testEvent } from './store-test-entries';

/**
 * Every message names its entry, so a query's result reads as the list of entries it kept.
 * Source 1 is "Exchange App.evtx", source 2 "system's 100%.log".
 */
async function storeEntries(store: EventStore): Promise<void> {
  await storeTestEntries(store, 1, [
    testEvent({
      level: 'error',
      provider: 'MSExchangeMTA',
      eventId: 9221,
      category: 'MTA',
      recordId: 100,
      message: 'reset: Connection reset by peer',
      data: ['10054', 'WSARecvEx'],
    }),
    testEvent({ level: 'warning', provider: 'MSExchangeMTA', eventId: 9215, computer: 'EXCH02', user: 'CONTOSO\\bob', recordId: 101, message: 'retry: Retrying delivery' }),
    testEvent({ recordId: 102, category: '', message: 'obrien: O\'Brien said "100%_done"' }),
    testEvent({ time: null, level: 'critical', provider: null, eventId: null, computer: null, channel: null, message: 'disk: Disk full on C:\\ drive', raw: 'kernel: disk full' }),
    testEvent({ level: 'verbose', provider: 'MSExchange ADAccess', eventId: 2080, message: 'topology: Topology discovery' }),
    { kind: 'unparsed', row: { raw: 'garbage at 10:22:01', line: 9, reason: 'no format' } },
  ]);
  await storeTestEntries(store, 2, [
    testEvent({
      time: Date.UTC(2025, 0, 2),
      level: 'audit-failure',
      provider: 'Microsoft-Windows-Security-Auditing',
      eventId: 4625,
      computer: 'DC01',
      user: 'CONTOSO\\eve',
      channel: 'Security',
      recordId: 5000,
      message: 'logon: An account failed to log on',
    }),
  ]);
  await store.registerSource(1, 'Exchange App.evtx');
  await store.registerSource(2, "system's 100%.log");
  // The ADAccess entry is known noise (shown, not hidden).
  await store.write("UPDATE events SET kb_rule = 'exchange-adaccess-2080' WHERE event_id = 2080");
}

describe('buildFilter (on a real store)', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await EventStore.create();
    await storeEntries(store);
  });
  afterAll(() => store.close());

  /** The names of the entries a query keeps (the message up to its colon), in file order. */
  async function kept(query: EventQuery): Promise<string[]> {
    const page = await store.page({ ...query, sort: [] }, 0, 100);
    return page.rows.map((row) => row.message.split(':')[0]!);
  }
  const search = (text: string): Promise<string[]> => kept({ text });

  it('keeps everything without a search', async () => {
    expect(await kept({})).toEqual(['reset', 'retry', 'obrien', 'disk', 'topology', 'garbage at 10', 'logon']);
    expect(await search('   ')).toHaveLength(7);
  });

  it('finds words and phrases in any column a user reads, all of them having to match', async () => {
    expect(await search('CONNECTION')).toEqual(['reset']);
    expect(await search('10054')).toEqual(['reset']); // event data
    expect(await search('kernel')).toEqual(['disk']); // raw text
    expect(await search('contoso')).toEqual(['retry', 'logon']); // user
    expect(await search('exchange retrying')).toEqual(['retry']);
    expect(await search('"connection reset"')).toEqual(['reset']);
    expect(await search('"reset connection"')).toEqual([]);
    expect(await search('10:22:01 http://x')).toEqual([]);
    expect(await search('10:22:01')).toEqual(['garbage at 10']);
  });

  it('negates words, keeping entries whose columns have no value', async () => {
    expect(await search('-exchange')).toEqual(['disk', 'garbage at 10', 'logon']);
    expect(await search('-"connection reset" -exchange')).toEqual(['disk', 'garbage at 10', 'logon']);
  });

  it('matches regular expressions without regard to case, in the same columns', async () => {
    expect(await search('/1005[34]/')).toEqual(['reset']);
    expect(await search('/^RETRY/')).toEqual(['retry']);
    expect(await search('/^retry/i')).toEqual(['retry']);
    expect(await search('/contoso\\\\(bob|eve)/')).toEqual(['retry', 'logon']);
    expect(await search('-/exchange|contoso/')).toEqual(['disk', 'garbage at 10']);
  });

  it('compares text fields whole and without regard to case, with * wildcards unless quoted', async () => {
    expect(await search('provider:msexchangemta')).toEqual(['reset', 'retry']);
    expect(await search('provider:MSExchange')).toEqual([]);
    expect(await search('provider:MSExchange*')).toEqual(['reset', 'retry', 'obrien', 'topology']);
    expect(await search('provider:*Auditing')).toEqual(['logon']);
    expect(await search('provider:"MSExchange*"')).toEqual([]);
    // LIKE's own wildcards are plain characters here.
    expect(await search('provider:MSExchange_MTA')).toEqual([]);
    expect(await search('provider:MSExchange%')).toEqual([]);
    expect(await search('provider:"MSExchange_MTA"')).toEqual([]);
    expect(await search('provider:"msexchange adaccess"')).toEqual(['topology']);
    expect(await search('source:app host:exch02')).toEqual(['retry']);
    expect(await search('user:CONTOSO\\bob')).toEqual(['retry']);
    expect(await search('log:security')).toEqual(['logon']);
    expect(await search('task:mta')).toEqual(['reset']);
    expect(await search('provider=msexchangemta provider!=x')).toEqual(['reset', 'retry']);
  });

  it('takes field:"" as "no value" (NULL or empty)', async () => {
    expect(await search('provider:""')).toEqual(['disk', 'garbage at 10']);
    expect(await search('category:""')).toEqual(['retry', 'obrien', 'disk', 'topology', 'garbage at 10', 'logon']);
    expect(await search('-category:""')).toEqual(['reset']);
    expect(await search('id:""')).toEqual(['disk', 'garbage at 10']);
    expect(await search('record!=""')).toEqual(['reset', 'retry', 'obrien', 'logon']);
  });

  it('negates field terms, keeping entries without the field', async () => {
    expect(await search('-computer:EXCH01')).toEqual(['retry', 'disk', 'garbage at 10', 'logon']);
    expect(await search('computer!=EXCH01')).toEqual(['retry', 'disk', 'garbage at 10', 'logon']);
    expect(await search('-computer!=EXCH01')).toEqual(['reset', 'obrien', 'topology']);
  });

  it('compares ids and record numbers, one value or a list', async () => {
    expect(await search('id:9221,9215')).toEqual(['reset', 'retry']);
    expect(await search('eventid:9221')).toEqual(['reset']);
    expect(await search('id>=9000')).toEqual(['reset', 'retry']);
    expect(await search('id>9215')).toEqual(['reset']);
    expect(await search('id<2')).toEqual(['obrien']);
    expect(await search('-id:9221,9215')).toEqual(['obrien', 'disk', 'topology', 'garbage at 10', 'logon']);
    expect(await search('record>=101 record<=5000')).toEqual(['retry', 'obrien', 'logon']);
  });

  it('compares levels by urgency, never counting unknown as more or less urgent', async () => {
    expect(await search('level>=warning')).toEqual(['reset', 'retry', 'disk']);
    expect(await search('level>warning')).toEqual(['reset', 'disk']);
    expect(await search('level<warning')).toEqual(['obrien', 'topology', 'logon']);
    expect(await search('level<=verbose')).toEqual(['topology']);
    expect(await search('level:err,crit')).toEqual(['reset', 'disk']);
    expect(await search('severity:unknown')).toEqual(['garbage at 10']);
    expect(await search('-level:info')).toEqual(['reset', 'retry', 'disk', 'topology', 'garbage at 10', 'logon']);
  });

  it('finds knowledge-base rules by id, none or any', async () => {
    expect(await search('kb:any')).toEqual(['topology']);
    expect(await search('kb:"exchange-adaccess-2080"')).toEqual(['topology']);
    expect(await search('kb:exchange-*')).toEqual(['topology']);
    expect(await search('kb:none')).toHaveLength(6);
    expect(await search('kb:"none"')).toEqual([]);
  });

  it('finds message substrings in the message only', async () => {
    expect(await search('message:"disk full"')).toEqual(['disk']);
    expect(await search('msg:kernel')).toEqual([]);
    expect(await search('message:retrying*delivery')).toEqual(['retry']);
  });

  it('finds sources by a part of their file name, following renames and closes', async () => {
    expect(await search('source:app.evtx')).toEqual(['reset', 'retry', 'obrien', 'disk', 'topology', 'garbage at 10']);
    expect(await search('source:"100%"')).toEqual(['logon']);
    expect(await search("source:system's")).toEqual(['logon']);
    expect(await search('source:"_"')).toEqual([]);
    expect(await search('-source:exchange')).toEqual(['logon']);
    await store.registerSource(2, 'renamed.log');
    expect(await search('source:renamed')).toEqual(['logon']);
    await store.forgetSource(2);
    expect(await search('source:renamed')).toEqual([]);
    await store.registerSource(2, "system's 100%.log");
  });

  it('leaves out terms that cannot be read, keeping the rest', async () => {
    expect(await search('provider>=x "unclosed')).toHaveLength(7);
    expect(await search('id:abc level:bogus retrying /a(?=b)/')).toEqual(['retry']);
  });

  it('applies every kept chip and no excluded one, ignoring chips that say nothing', async () => {
    expect(await kept({ chips: [{ search: 'provider:MSExchange*', exclude: false }] })).toEqual(['reset', 'retry', 'obrien', 'topology']);
    expect(
      await kept({
        chips: [
          { search: 'provider:MSExchange*', exclude: false },
          { search: 'computer:EXCH01', exclude: true },
        ],
      }),
    ).toEqual(['retry']);
    // An excluded chip keeps entries that lack its field; a chip of two terms excludes where both hold.
    expect(await kept({ chips: [{ search: 'provider:MSExchangeMTA', exclude: true }] })).toEqual(['obrien', 'disk', 'topology', 'garbage at 10', 'logon']);
    expect(await kept({ chips: [{ search: 'provider:MSExchangeMTA level:error', exclude: true }] })).toHaveLength(6);
    expect(await kept({ chips: [{ search: '', exclude: true }, { search: 'id:abc', exclude: false }] })).toHaveLength(7);
    expect(await kept({ text: 'exchange', chips: [{ search: 'level>=warning', exclude: false }], levels: ['warning'] })).toEqual(['retry']);
  });

  it('shows only bookmarked entries when asked', async () => {
    await store.write("UPDATE events SET bookmark = '' WHERE id = 0");
    await store.write("UPDATE events SET bookmark = 'look' WHERE id = 6");
    expect(await kept({ bookmarkedOnly: true })).toEqual(['reset', 'logon']);
    expect(await kept({ bookmarkedOnly: true, text: 'level:error' })).toEqual(['reset']);
    await store.write('UPDATE events SET bookmark = NULL');
  });

  it('passes user text only as parameters, so SQL in it is just text', async () => {
    const hostile = ["'; DROP TABLE events; --", 'provider:"x\' OR \'1\'=\'1"', "computer:a')OR(TRUE", '$1', 'provider:$1', "/x'\\);DROP TABLE events;--/", 'source:"%\' OR 1=1 --"'];
    for (const text of hostile) {
      const filter = buildFilter({ text });
      for (const fragment of ['DROP', "'1'", 'OR(TRUE', "1=1"]) expect(filter.where).not.toContain(fragment);
      expect(await search(text), text).toEqual([]);
    }
    expect(await search('"100%_done"')).toEqual(['obrien']);
    expect(await search('100__done')).toEqual([]);
    expect(await search('c:\\')).toEqual(['disk']);
    expect(await search("o'brien")).toEqual(['obrien']);
    expect(await search('"said \\"100"')).toEqual(['obrien']);
    expect(await kept({})).toHaveLength(7);
  });

  it('still filters by level, visibility, time and source', async () => {
    expect(await kept({ levels: ['error', 'critical'] })).toEqual(['reset', 'disk']);
    expect(await kept({ sourceIds: [2] })).toEqual(['logon']);
    expect(await kept({ from: Date.UTC(2025, 0, 2) })).toEqual(['logon']);
    expect(await kept({ to: Date.UTC(2025, 0, 2) })).toEqual(['reset', 'retry', 'obrien', 'topology']);
    await store.write('UPDATE events SET kb_hidden = true WHERE event_id = 2080');
    expect(await search('topology')).toEqual([]);
    expect(await kept({ text: 'topology', showHidden: true })).toEqual(['topology']);
    await store.write('UPDATE events SET kb_hidden = false');
  });
});

describe('searches on entries whose raw text holds every column (read from the raw text alone)', () => {
  let store: EventStore;
  const line = (host: string, tag: string, message: string, data: Record<string, string> | null = null): IngestItem =>
    testEvent({ provider: tag, computer: host, channel: null, message, data, raw: `Mar 14 08:00:00 ${host} ${tag}[42]: ${message}` });
  beforeAll(async () => {
    store = await EventStore.create();
    await storeTestEntries(store, 1, [
      line('db01', 'sshd', 'sshd: Accepted publickey for nagios', { pid: '4711' }),
      line('app03', 'postfix/qmgr', 'queue: A2849D73EB removed'),
      // The provider is not in the raw text: every column is searched for this one.
      testEvent({ provider: 'Kernel-Power', computer: null, channel: null, message: 'power: Power lost', raw: 'Mar 14 08:00:01 power lost' }),
    ]);
  });
  afterAll(() => store.close());

  const search = async (text: string): Promise<string[]> =>
    (await store.page({ text, sort: [] }, 0, 100)).rows.map((row) => row.message.split(':')[0]!);

  it('marks which entries the raw text covers', async () => {
    const rows = await store.read('SELECT raw_covers FROM events ORDER BY id');
    expect(rows.map((row) => row.raw_covers)).toEqual([true, true, false]);
  });

  it('finds words in any column, covered or not, with the same answers as before', async () => {
    expect(await search('APP03')).toEqual(['queue']);
    expect(await search('qmgr')).toEqual(['queue']);
    expect(await search('kernel-power')).toEqual(['power']);
    expect(await search('4711')).toEqual(['sshd']); // event data
    expect(await search('-sshd')).toEqual(['queue', 'power']);
    // Across columns: found in the raw text, as it always was.
    expect(await search('"db01 sshd"')).toEqual(['sshd']);
  });

  it('keeps anchored regular expressions matching at a column edge', async () => {
    expect(await search('/^queue/')).toEqual(['queue']);
    expect(await search('/removed$/')).toEqual(['queue']);
    expect(await search('/^app03$/')).toEqual(['queue']);
    expect(await search('/\\bqmgr\\b/')).toEqual(['queue']);
    expect(await search('/a2849d7[0-9]eb/')).toEqual(['queue']);
  });
});
