// The oracles of the conformance suite: how to run the Debian tools that read .evtx/.evt files and
// how to read what they print. Used by bench/conformance.mjs; plain Node ESM, no dependencies.
//
//   evtxinfo FILE              (libevtx-utils)  record / recovered counts, corrupted and dirty flags
//   evtxexport -f xml FILE     (libevtx-utils)  allocated records as XML (the default text output
//                                               numbers events 1, 2, 3… instead of EventRecordID,
//                                               so it cannot be matched by record id)
//   evtxexport -f xml -m recovered FILE         records recovered from free space
//   evtx_dump.py FILE          (python3-evtx)   every record as XML; crashes on some damaged files
//   evtinfo FILE               (libevt-utils)   record / recovered counts, flags (dirty, wrapped)
//   evtexport FILE             (libevt-utils)   text; "Event number" is the record number
//   evtexport -m recovered FILE                 records recovered from free space
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Each oracle program and the Debian package that provides it. */
export const ORACLE_PROGRAMS = [
  { program: 'evtxexport', debian: 'libevtx-utils', kind: 'evtx' },
  { program: 'evtxinfo', debian: 'libevtx-utils', kind: 'evtx' },
  { program: 'evtx_dump.py', debian: 'python3-evtx', kind: 'evtx' },
  { program: 'evtexport', debian: 'libevt-utils', kind: 'evt' },
  { program: 'evtinfo', debian: 'libevt-utils', kind: 'evt' },
];

/** Full path of `program` on PATH, or undefined. */
export function which(program) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** { program → path | undefined } for every oracle program. */
export function findOracles() {
  return Object.fromEntries(ORACLE_PROGRAMS.map(({ program }) => [program, which(program)]));
}

/** One line per missing program, naming the Debian package to install. */
export function missingOracleMessages(found) {
  return ORACLE_PROGRAMS.filter(({ program }) => !found[program]).map(
    ({ program, debian }) => `conformance: ${program} not found on PATH — install the Debian package ${debian} (sudo apt-get install ${debian}); its results are left out.`,
  );
}

/**
 * Runs a program with a time limit. Resolves (never rejects) to
 * { code, signal, timedOut, error, stdout, stderr, ms }; with `onLine`, stdout is handed over line
 * by line instead of being kept.
 */
export function runTool(command, args, { timeoutMs = 120_000, onLine, cwd, env } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    } catch (error) {
      resolve({ code: null, signal: null, timedOut: false, error: String(error), stdout: '', stderr: '', ms: 0 });
      return;
    }
    const out = [];
    const err = [];
    let errBytes = 0;
    let pending = '';
    let timedOut = false;
    let spawnError;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      if (!onLine) {
        out.push(text);
        return;
      }
      pending += text;
      let newline;
      while ((newline = pending.indexOf('\n')) >= 0) {
        onLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text) => {
      if (errBytes < 1_000_000) err.push(text);
      errBytes += text.length;
    });
    const kill = () => {
      try {
        if (process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    child.on('error', (error) => (spawnError = String(error)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (onLine && pending) onLine(pending);
      resolve({ code, signal, timedOut, error: spawnError, stdout: out.join(''), stderr: err.join(''), ms: Date.now() - started });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Times

const MONTHS = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/**
 * Milliseconds since the epoch (UTC) from the shapes the oracles print, or null:
 * "2024-01-22T22:04:22.282770000Z" (evtxexport XML), "2024-01-22 22:04:22.282768" (python-evtx),
 * "Jan 22, 2024 22:04:22.282770000 UTC" / "Jan 11, 2026 13:35:50 UTC" (libevt/libevtx text).
 */
export function parseOracleTime(text) {
  if (!text) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?/.exec(text.trim());
  if (m) return utc(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], m[7]);
  m = /^([A-Za-z]{3}) (\d{1,2}), (\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?/.exec(text.trim());
  if (m && m[1].toLowerCase() in MONTHS) return utc(+m[3], MONTHS[m[1].toLowerCase()], +m[2], +m[4], +m[5], +m[6], m[7]);
  return null;
}

function utc(year, month, day, hour, minute, second, fraction) {
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  const time = Date.UTC(year, month, day, hour, minute, second, ms);
  return Number.isFinite(time) ? time : null;
}

// ---------------------------------------------------------------------------------------------
// Parsers

/**
 * Records from Event XML (evtxexport -f xml, evtx_dump.py): [{ recordId, eventId, qualifiers,
 * provider, time }]. Only the <System> part of each event is read; an event cut off at the end
 * (a crashed oracle) is ignored.
 */
export function parseEventXml(text) {
  const records = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('<System>', from);
    if (start < 0) break;
    const end = text.indexOf('</System>', start);
    if (end < 0) break;
    from = end + 9;
    const system = text.slice(start, end);
    const recordId = /<EventRecordID>\s*(\d+)\s*<\/EventRecordID>/.exec(system);
    const eventId = /<EventID(?:\s+Qualifiers="(\d*)")?[^>]*>\s*(\d+)\s*<\/EventID>/.exec(system);
    const time = /<TimeCreated\s+SystemTime="([^"]*)"/.exec(system);
    const provider = /<Provider\s+Name="([^"]*)"/.exec(system);
    records.push({
      recordId: recordId ? Number(recordId[1]) : null,
      eventId: eventId ? Number(eventId[2]) & 0xffff : null,
      qualifiers: eventId?.[1] ? Number(eventId[1]) : null,
      provider: provider ? provider[1] : null,
      time: time ? parseOracleTime(time[1]) : null,
    });
  }
  return records;
}

/** evtexport's text records: [{ recordId, eventId, provider, time, written }]. */
export function parseEvtexportText(text) {
  const records = [];
  for (const block of text.split(/\n(?=Event number\s*:)/)) {
    const field = (name) => {
      const m = new RegExp(`^${name}\\s*:[ \\t]*(.*)$`, 'm').exec(block);
      return m ? m[1].trim() : undefined;
    };
    const number = field('Event number');
    if (number === undefined || !/^\d+$/.test(number)) continue;
    const identifier = /\((\d+)\)/.exec(field('Event identifier') ?? '');
    records.push({
      recordId: Number(number),
      eventId: identifier ? Number(identifier[1]) % 0x10000 : null,
      provider: field('Source name') ?? null,
      time: parseOracleTime(field('Creation time')),
      written: parseOracleTime(field('Written time')),
    });
  }
  return records;
}

/** evtxinfo / evtinfo: { version, records, recovered, corrupted, flags: [] }. */
export function parseInfo(text) {
  const number = (label) => {
    const m = new RegExp(`${label}\\s*:\\s*(\\d+)`).exec(text);
    return m ? Number(m[1]) : null;
  };
  const version = /Version\s*:\s*([\d.]+)/.exec(text);
  const flags = [];
  const flagBlock = /Flags:\s*\n((?:[ \t]+\S.*\n?)*)/.exec(text);
  if (flagBlock) for (const line of flagBlock[1].split('\n')) if (line.trim()) flags.push(line.trim());
  return {
    version: version ? version[1] : null,
    records: number('Number of records'),
    recovered: number('Number of recovered records'),
    corrupted: /\bIs corrupted\b/.test(text),
    flags,
  };
}

/**
 * A tool's own explanation of a failure from its stderr: the first line that says "error" when
 * the output ends in a stack trace or version banner, else the last meaningful line.
 */
export function lastError(stderr) {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines.length === 0) return '';
  const last = lines[lines.length - 1];
  const uninformative = /^(Node\.js v|at |\}|\^+$)/.test(last);
  const pick = uninformative ? (lines.find((line) => /error/i.test(line)) ?? last) : last;
  return pick.slice(0, 200);
}

// ---------------------------------------------------------------------------------------------
// Running the oracles on one file

function outcome(run, records) {
  const failed = run.timedOut || run.error !== undefined || run.code !== 0;
  let note;
  if (run.timedOut) note = `timed out after ${Math.round(run.ms / 1000)} s`;
  else if (run.error) note = `could not run: ${run.error}`;
  else if (run.code !== 0) note = `oracle failed (exit ${run.code ?? run.signal}): ${lastError(run.stderr) || 'no message'}`;
  return { ok: !failed, note, records, seconds: Math.round(run.ms / 100) / 10 };
}

/**
 * Runs every available oracle on one file. Resolves to { kind, oracles: { name → result } } where a
 * record oracle's result is { ok, note, records, recovered?, seconds } and an info oracle's is
 * { ok, note, info, seconds }.
 */
export async function runOracles(file, kind, found, { timeoutMs }) {
  const oracles = {};
  const run = (program, args) => runTool(found[program], [...args, file], { timeoutMs });
  if (kind === 'evtx') {
    if (found.evtxinfo) {
      const info = await run('evtxinfo', []);
      oracles.evtxinfo = { ...outcome(info, undefined), info: parseInfo(info.stdout) };
    }
    if (found.evtxexport) {
      const items = await run('evtxexport', ['-f', 'xml']);
      const result = outcome(items, parseEventXml(items.stdout));
      const recovered = await run('evtxexport', ['-f', 'xml', '-m', 'recovered']);
      result.recovered = parseEventXml(recovered.stdout);
      oracles.evtxexport = result;
    }
    if (found['evtx_dump.py']) {
      const dump = await run('evtx_dump.py', []);
      oracles['evtx_dump.py'] = outcome(dump, parseEventXml(dump.stdout));
    }
  } else {
    if (found.evtinfo) {
      const info = await run('evtinfo', []);
      oracles.evtinfo = { ...outcome(info, undefined), info: parseInfo(info.stdout) };
    }
    if (found.evtexport) {
      const items = await run('evtexport', []);
      const result = outcome(items, parseEvtexportText(items.stdout));
      const recovered = await run('evtexport', ['-m', 'recovered']);
      result.recovered = parseEvtexportText(recovered.stdout);
      oracles.evtexport = result;
    }
  }
  return oracles;
}
