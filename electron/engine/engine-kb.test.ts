/**
 * The knowledge base end to end in the engine: workers classify, the store hides and counts,
 * burst guards and escalations show what they must, and user rules persist and reclassify.
 * (`npm test` builds dist/ first; run `npm run build` before running this file alone.)
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOUNDING_RULE_ID } from '../../shared/kb/founding';
import { Engine } from './engine';

const ROOT = join(__dirname, '..', '..');
const WORKER = join(ROOT, 'dist', 'node', 'ingest-worker.js');
const KB_FIXTURES = join(ROOT, 'fixtures', 'kb');
const FOUNDING_FILES = readdirSync(KB_FIXTURES).filter((name) => name.startsWith('founding-') && !name.endsWith('.mjs'));

const infoRule = (extra: Record<string, unknown> = {}) => ({
  id: 'user-store-started',
  title: 'Store start notices',
  match: { providers: ['MSExchangeIS'], eventIds: [1000] },
  verdict: 'noise',
  hide: true,
  explanation: 'We restart the store nightly.',
  ...extra,
});

describe('Engine knowledge base', () => {
  let engine: Engine;
  let userData: string;
  beforeEach(async () => {
    userData = mkdtempSync(join(tmpdir(), 'logsift-engine-kb-'));
    engine = await Engine.create({ workerScript: WORKER, userDataDir: userData });
  });
  afterEach(() => engine.close());

  it('has the founding case in every export shape', () => {
    expect(FOUNDING_FILES.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of FOUNDING_FILES) {
    it(`hides MSExchangeMTA 9221 / 10054 (and 0x2746) in ${name}, but not 10061`, async () => {
      await engine.openPaths([join(KB_FIXTURES, name)], { expandDirectories: false });
      await engine.whenIdle();
      const [source] = await engine.listSources();
      expect(source).toMatchObject({ status: 'ready', events: 9, unparsed: 0, errors: [] });
      const counts = await engine.countEvents({});
      expect(counts).toMatchObject({ all: 9, shown: 3, hidden: 6, hiddenByRule: { [FOUNDING_RULE_ID]: 6 } });
      const shown = await engine.queryEvents({ query: {}, offset: 0, limit: 50 });
      const resets = shown.rows.filter((row) => row.eventId !== null && (row.eventId & 0xffff) === 9221);
      expect(resets).toHaveLength(1);
      expect(resets[0]!.kb?.hidden ?? false).toBe(false);
      const all = await engine.queryEvents({ query: { showHidden: true }, offset: 0, limit: 50 });
      expect(all.rows.filter((row) => row.kb?.rule === FOUNDING_RULE_ID && row.kb.hidden)).toHaveLength(6);
    });
  }

  it('saves a user rule, reclassifies what is loaded, keeps it on disk, and deletes it', async () => {
    await engine.openPaths([join(KB_FIXTURES, 'founding-eventviewer.csv')], { expandDirectories: false });
    await engine.whenIdle();
    await engine.saveKbRule(infoRule());
    expect((await engine.countEvents({})).hiddenByRule['user-store-started']).toBe(1);

    const again = await Engine.create({ workerScript: WORKER, userDataDir: userData });
    try {
      await again.openPaths([join(KB_FIXTURES, 'founding-eventviewer.csv')], { expandDirectories: false });
      await again.whenIdle();
      expect((await again.countEvents({})).hidden).toBe(7);
      const state = await again.getKb();
      expect(state.rules.find((info) => info.rule.id === 'user-store-started')).toMatchObject({ origin: 'user', matched: 1, hidden: 1 });
    } finally {
      again.close();
    }

    await engine.setKbRuleEnabled('user-store-started', false);
    expect((await engine.countEvents({})).hidden).toBe(6);
    await engine.deleteKbRule('user-store-started');
    expect((await engine.getKb()).rules.some((info) => info.rule.id === 'user-store-started')).toBe(false);
  });

  it('rejects a malformed rule with the field and reason, and keeps the built-in KB working', async () => {
    await expect(engine.saveKbRule(infoRule({ match: { eventIds: ['1000'] } }))).rejects.toThrow(
      'rules[0].match.eventIds[0] (rule "user-store-started"): Invalid input: expected number, received string',
    );
    await engine.openPaths([join(KB_FIXTURES, 'founding-eventviewer.csv')], { expandDirectories: false });
    await engine.whenIdle();
    expect((await engine.countEvents({})).hidden).toBe(6);
  });

  it('sets aside an unreadable user rule file, says why, and still applies the built-in KB', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'logsift-engine-kb-broken-'));
    writeFileSync(join(broken, 'kb-user-rules.json'), JSON.stringify({ format: 'logsift-kb-rules', version: 1, name: 'mine', rules: [{ id: 'x' }] }));
    const other = await Engine.create({ workerScript: WORKER, userDataDir: broken });
    try {
      expect((await other.getKb()).userRulesProblem).toMatch(/kb-user-rules\.json: rules\[0\]\.id \(rule "x"\): must be 2–80/);
      await other.openPaths([join(KB_FIXTURES, 'founding-eventviewer.csv')], { expandDirectories: false });
      await other.whenIdle();
      expect((await other.countEvents({})).hidden).toBe(6);
    } finally {
      other.close();
    }
  });

  it('shows entries above a burst guard, flagged unusual volume', async () => {
    await engine.saveKbRule(infoRule({ id: 'user-resets', match: { providers: ['MSExchangeMTA'], eventIds: [9221] }, burst: { max: 3, minutes: 60 } }));
    await engine.openPaths([join(KB_FIXTURES, 'founding-eventviewer.csv')], { expandDirectories: false });
    await engine.whenIdle();
    const rows = (await engine.queryEvents({ query: {}, offset: 0, limit: 50 })).rows.filter((row) => row.kb?.rule === 'user-resets');
    expect(rows).toHaveLength(7);
    expect(rows.every((row) => row.kb?.flag === 'volume' && !row.kb.hidden)).toBe(true);
  });

  it('shows a benign entry escalated by a look-alike on the same computer', async () => {
    await engine.saveKbRule(infoRule({ id: 'user-refused', match: { providers: ['MSExchangeMTA'], eventIds: [9221], message: '10061' }, verdict: 'attention', hide: false }));
    await engine.saveKbRule(infoRule({ escalate: { rules: ['user-refused'], minutes: 120, reason: 'a link failure is near' } }));
    await engine.openPaths([join(KB_FIXTURES, 'founding-eventviewer.csv')], { expandDirectories: false });
    await engine.whenIdle();
    const [store] = (await engine.queryEvents({ query: {}, offset: 0, limit: 50 })).rows.filter((row) => row.kb?.rule === 'user-store-started');
    expect(store?.kb).toMatchObject({ hidden: false, flag: 'escalated' });
  });

  it('exports the user rules and imports them elsewhere; a bad pack changes nothing', async () => {
    await engine.saveKbRule(infoRule());
    const pack = await engine.exportKbRules();
    const elsewhere = await Engine.create({ workerScript: WORKER, userDataDir: mkdtempSync(join(tmpdir(), 'logsift-engine-kb-import-')) });
    try {
      await expect(elsewhere.importKbRules(pack.replace('"noise"', '"harmless"'))).rejects.toThrow('rules[0].verdict');
      expect((await elsewhere.getKb()).rules.some((info) => info.origin === 'user')).toBe(false);
      expect(await elsewhere.importKbRules(pack)).toEqual({ imported: 1 });
      expect((await elsewhere.getKb()).rules.find((info) => info.rule.id === 'user-store-started')?.origin).toBe('user');
    } finally {
      elsewhere.close();
    }
  });
});
