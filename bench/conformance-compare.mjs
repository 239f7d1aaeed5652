// Comparison of Logsift's records with the oracles' for one file (bench/conformance.mjs).
// A record is { recordId, eventId (low 16 bits), time (ms, UTC) | null }.

const RECORD_ORACLES = ['evtxexport', 'evtx_dump.py', 'evtexport'];

function second(time) {
  return time === null || time === undefined ? null : Math.floor(time / 1000);
}

function byRecordId(records) {
  const map = new Map();
  for (const record of records) {
    if (record.recordId === null || record.recordId === undefined) continue;
    const list = map.get(record.recordId);
    if (list) list.push(record);
    else map.set(record.recordId, [record]);
  }
  return map;
}

function countBy(records, pick) {
  const map = new Map();
  for (const record of records) {
    const key = pick(record);
    map.set(key, (map.get(key) ?? 0) + 1);
  }
  return map;
}

/** Event IDs whose counts differ: [{ eventId, logsift, oracle }], largest difference first. */
export function eventIdDifferences(logsift, oracle) {
  const ours = countBy(logsift, (r) => r.eventId);
  const theirs = countBy(oracle, (r) => r.eventId);
  const out = [];
  for (const eventId of new Set([...ours.keys(), ...theirs.keys()])) {
    const a = ours.get(eventId) ?? 0;
    const b = theirs.get(eventId) ?? 0;
    if (a !== b) out.push({ eventId, logsift: a, oracle: b });
  }
  return out.sort((x, y) => Math.abs(y.logsift - y.oracle) - Math.abs(x.logsift - x.oracle) || (x.eventId ?? -1) - (y.eventId ?? -1));
}

/**
 * Matches an oracle's records against Logsift's by record id: { matched, missing, timeMismatches,
 * eventIdMismatches, extra, unmatched } where `unmatched` counts oracle records Logsift does not
 * have with the same id, event ID and time (to the second).
 */
export function matchRecords(logsift, oracle) {
  const ours = byRecordId(logsift);
  let matched = 0;
  let missing = 0;
  let timeMismatches = 0;
  let eventIdMismatches = 0;
  let unmatched = 0;
  const examples = [];
  for (const record of oracle) {
    const candidates = record.recordId === null ? undefined : ours.get(record.recordId);
    if (!candidates) {
      missing++;
      unmatched++;
      if (examples.length < 3) examples.push(`record ${record.recordId} missing`);
      continue;
    }
    matched++;
    const sameId = candidates.filter((c) => record.eventId === null || c.eventId === record.eventId);
    if (sameId.length === 0) {
      eventIdMismatches++;
      unmatched++;
      if (examples.length < 3) examples.push(`record ${record.recordId}: event ID ${candidates[0].eventId} ≠ ${record.eventId}`);
      continue;
    }
    const want = second(record.time);
    if (want !== null && !sameId.some((c) => second(c.time) === want)) {
      timeMismatches++;
      unmatched++;
      if (examples.length < 3) {
        const got = sameId[0].time === null ? 'none' : new Date(sameId[0].time).toISOString();
        examples.push(`record ${record.recordId}: time ${got} ≠ ${new Date(record.time).toISOString()}`);
      }
    }
  }
  const theirs = new Set(oracle.map((r) => r.recordId));
  const extra = logsift.filter((r) => !theirs.has(r.recordId)).length;
  return { matched, missing, timeMismatches, eventIdMismatches, extra, unmatched, examples };
}

/** How many of an oracle's recovered records Logsift also has (same id, event ID, second). */
function recoveredFound(logsift, recovered) {
  const result = matchRecords(logsift, recovered);
  return recovered.length - result.unmatched;
}

/** FILETIME 0 (1601-01-01), what a zeroed record decodes to. */
const FILETIME_ZERO = Date.UTC(1601, 0, 1);

/**
 * Whether an oracle's record looks like a real one. Oracles sometimes print zeroed or unreadable
 * records (python-evtx: EventRecordID 0, time 1601-01-01, empty provider): a record without a
 * record id, with id 0, or dated FILETIME 0 is reported but not held against Logsift.
 */
export function isPlausible(record) {
  return record.recordId !== null && record.recordId !== undefined && record.recordId > 0 && record.time !== FILETIME_ZERO;
}

/**
 * The verdict for one file. `logsift` = { records, error, damage, damagedBytes, format };
 * `oracles` as from runOracles. Returns the per-file report object.
 */
export function judge(file, kind, logsift, oracles) {
  const perOracle = {};
  let best;
  for (const name of RECORD_ORACLES) {
    const oracle = oracles[name];
    if (!oracle) continue;
    const all = oracle.records ?? [];
    const records = all.filter(isPlausible);
    const distinct = new Set(records.map((r) => r.recordId)).size;
    const entry = {
      ok: oracle.ok,
      note: oracle.note,
      seconds: oracle.seconds,
      records: records.length,
      implausible: all.length - records.length,
      eventIdDifferences: eventIdDifferences(logsift.records, records),
      match: matchRecords(logsift.records, records),
    };
    if (oracle.recovered) {
      entry.recovered = oracle.recovered.length;
      entry.recoveredFoundByLogsift = recoveredFound(logsift.records, oracle.recovered);
    }
    perOracle[name] = entry;
    if (records.length > 0 && (!best || distinct > best.distinct)) best = { name, distinct, entry };
  }
  const info = oracles.evtxinfo?.info ?? oracles.evtinfo?.info;

  let status;
  let reason;
  if (!best) {
    const tried = Object.keys(perOracle);
    const anyOk = tried.some((name) => perOracle[name].ok);
    if (anyOk && logsift.records.length === 0 && !logsift.error) {
      status = 'PASS';
      reason = 'no records, as the oracles';
    } else if (anyOk) {
      status = 'PASS';
      reason = `oracles found no records; logsift found ${logsift.records.length}`;
    } else {
      status = 'UNVERIFIED';
      reason = tried.length
        ? `every oracle failed (${tried.map((name) => `${name}: ${perOracle[name].note}`).join('; ')}); logsift found ${logsift.records.length}`
        : 'no oracle installed for this format';
      const counted = oracles.evtxinfo?.info?.records ?? oracles.evtinfo?.info?.records;
      if (typeof counted === 'number') reason += `; ${oracles.evtxinfo ? 'evtxinfo' : 'evtinfo'} counts ${counted} records`;
    }
  } else {
    const { name, entry } = best;
    const { match } = entry;
    if (match.unmatched === 0) {
      status = 'PASS';
      reason = `logsift has all ${entry.records} records ${name} found` + (match.extra ? ` (+${match.extra} more)` : '');
    } else {
      status = 'FAIL';
      const parts = [];
      if (match.missing) parts.push(`${match.missing} missing`);
      if (match.eventIdMismatches) parts.push(`${match.eventIdMismatches} with another event ID`);
      if (match.timeMismatches) parts.push(`${match.timeMismatches} with another time`);
      reason =
        (logsift.error ? `logsift could not read it (${logsift.error}); ` : '') +
        `logsift lacks ${match.unmatched} of the ${entry.records} records ${name} found: ${parts.join(', ')}` +
        (match.examples.length ? ` (e.g. ${match.examples.join('; ')})` : '');
    }
  }

  return {
    file,
    kind,
    status,
    reason,
    best: best?.name ?? null,
    logsift: {
      records: logsift.records.length,
      format: logsift.format ?? null,
      error: logsift.error ?? null,
      unparsed: logsift.unparsed ?? 0,
      damagedBytes: logsift.damagedBytes ?? 0,
      damage: logsift.damage ?? [],
      seconds: logsift.seconds ?? null,
    },
    oracles: perOracle,
    info: info ?? null,
    infoNote: (oracles.evtxinfo ?? oracles.evtinfo)?.note ?? null,
  };
}
