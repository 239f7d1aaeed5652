// Deterministic (seeded) log generators for the benchmarks: the same seed and size give the same
// bytes on every machine, so figures compare across runs. One generator per format.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rfc3164SyslogLine } from './generate-syslog.mjs';

/** Small, fast, seeded PRNG (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTS = ['EXCH01', 'EXCH02', 'DC01', 'FS01', 'WEB01'];
const PROVIDERS = ['MSExchangeTransport', 'MSExchangeMTA', 'MSExchangeIS', 'Service Control Manager', 'Microsoft-Windows-Security-Auditing', 'Tcpip'];
const WORDS = 'connection queue message delivery mailbox database transport server client remote host retry timeout socket error reset peer send receive store'.split(' ');
const LEVELS = [
  ['Information', 'INFO', 6, 30, 4],
  ['Warning', 'WARN', 4, 40, 3],
  ['Error', 'ERROR', 3, 50, 2],
  ['Information', 'DEBUG', 7, 20, 4],
];

function sentence(rand, n) {
  let out = '';
  for (let i = 0; i < n; i++) out += (i ? ' ' : '') + WORDS[Math.floor(rand() * WORDS.length)];
  return out;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Yields one entry's text (with its line end) at a time, for each format. */
const GENERATORS = {
  text(rand, i, t) {
    const d = new Date(t);
    const level = LEVELS[i % 4][1];
    const trace = i % 50 === 0 ? `\n   at Microsoft.Exchange.Transport.${sentence(rand, 1)}()\n   at System.Threading.ThreadHelper()` : '';
    return `${d.toISOString().replace('T', ' ').replace('Z', '')} ${level} [${PROVIDERS[i % 6]}] ${sentence(rand, 12)} id=${i}${trace}\n`;
  },
  syslog(rand, i, t) {
    const d = new Date(t);
    const month = MONTHS[d.getUTCMonth()];
    return `${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${HOSTS[i % 5].toLowerCase()} sshd[${1000 + (i % 500)}]: ${sentence(rand, 12)} port ${1024 + (i % 60000)}\n`;
  },
  'eventviewer-csv'(rand, i, t) {
    const d = new Date(t);
    let h = d.getUTCHours() % 12 || 12;
    const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
    const message = i % 20 === 0 ? `"${sentence(rand, 10)}, quoted ""part""\r\n${sentence(rand, 8)}"` : sentence(rand, 14);
    return `${LEVELS[i % 4][0]},${date},${PROVIDERS[i % 6]},${1000 + (i % 300)},None,${message}\r\n`;
  },
  jsonl(rand, i, t) {
    return `${JSON.stringify({
      '@timestamp': new Date(t).toISOString(),
      winlog: {
        event_id: 1000 + (i % 300),
        provider_name: PROVIDERS[i % 6],
        computer_name: HOSTS[i % 5],
        channel: 'Application',
        record_id: i + 1,
        event_data: { param1: sentence(rand, 2), param2: String(i) },
      },
      log: { level: LEVELS[i % 4][0].toLowerCase() },
      message: sentence(rand, 14),
    })}\n`;
  },
  'eventviewer-xml'(rand, i, t) {
    const level = [4, 3, 2, 4][i % 4];
    return `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="${PROVIDERS[i % 6]}" /><EventID Qualifiers="16384">${1000 + (i % 300)}</EventID><Level>${level}</Level><Task>0</Task><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime="${new Date(t).toISOString().replace('Z', '0000Z')}" /><EventRecordID>${i + 1}</EventRecordID><Channel>Application</Channel><Computer>${HOSTS[i % 5]}.contoso.com</Computer><Security /></System><EventData><Data>${sentence(rand, 4)}</Data><Data>${i}</Data></EventData><RenderingInfo Culture="en-US"><Message>${sentence(rand, 14)}</Message><Level>${LEVELS[i % 4][0]}</Level></RenderingInfo></Event>\n`;
  },
  'powershell-csv'(rand, i, t) {
    const d = new Date(t);
    const h = d.getUTCHours() % 12 || 12;
    const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
    const message = i % 20 === 0 ? `${sentence(rand, 10)}\r\n${sentence(rand, 8)}` : sentence(rand, 14);
    return `"${message}","${1000 + (i % 300)}","0","","${[4, 3, 2, 4][i % 4]}","0","0","-9223372036854775808","${i + 1}","${PROVIDERS[i % 6]}","","Application","${1000 + (i % 9)}","${2000 + (i % 7)}","${HOSTS[i % 5]}","","${date}","","","Application","System.Collections.ObjectModel.ReadOnlyCollection\`1[System.Int32]","System.Diagnostics.Eventing.Reader.EventBookmark","${LEVELS[i % 4][0]}","Info","None","System.Collections.ObjectModel.ReadOnlyCollection\`1[System.String]","System.Collections.Generic.List\`1[System.Diagnostics.Eventing.Reader.EventProperty]"\r\n`;
  },
  'legacy-eventviewer-text'(rand, i, t) {
    const d = new Date(t);
    const h = d.getUTCHours() % 12 || 12;
    return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()},${h}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'},${PROVIDERS[i % 6]},${LEVELS[i % 4][0]},None,${1000 + (i % 300)},N/A,${HOSTS[i % 5]},${sentence(rand, 14)}\r\n`;
  },
  w3c(rand, i, t) {
    const d = new Date(t);
    const status = [200, 200, 302, 404, 500][i % 5];
    return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} 10.0.0.${i % 250} GET /owa/${WORDS[i % WORDS.length]}/${i} - 443 user${i % 40} 192.168.${i % 200}.${i % 250} Mozilla/5.0+(Windows+NT+10.0) - ${status} 0 0 ${i % 900}\n`;
  },
};

const HEADERS = {
  'eventviewer-xml': '<?xml version="1.0" encoding="utf-8"?>\n<Events>\n',
  'powershell-csv':
    '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n"Message","Id","Version","Qualifiers","Level","Task","Opcode","Keywords","RecordId","ProviderName","ProviderId","LogName","ProcessId","ThreadId","MachineName","UserId","TimeCreated","ActivityId","RelatedActivityId","ContainerLog","MatchedQueryIds","Bookmark","LevelDisplayName","OpcodeDisplayName","TaskDisplayName","KeywordsDisplayNames","Properties"\r\n',
  'legacy-eventviewer-text': 'Date,Time,Source,Type,Category,Event,User,Computer,Description\r\n',
  'eventviewer-csv': '\uFEFFLevel,Date and Time,Source,Event ID,Task Category\r\n',
  w3c: '#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: 2025-03-14 00:00:00\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n',
};

export const GENERATED_FORMATS = Object.keys(GENERATORS);

/**
 * Generators the benchmark suite uses beside GENERATED_FORMATS: kept out of that list so that the
 * per-format ingest bench (and its cached files) stays as it was.
 */
const SUITE_GENERATORS = { 'syslog-rfc3164': rfc3164SyslogLine };

/** Writes about `bytes` of `format` to `path`; returns the number of entries written. */
export function generateFile(format, path, bytes, seed = 42) {
  return writeEntries(format, path, (written) => written.bytes >= bytes, seed);
}

/** Writes exactly `count` entries of `format` to `path`; returns `count`. */
export function generateEntries(format, path, count, seed = 42) {
  return writeEntries(format, path, (written) => written.entries >= count, seed);
}

async function writeEntries(format, path, isDone, seed) {
  const generator = GENERATORS[format] ?? SUITE_GENERATORS[format];
  if (!generator) throw new Error(`no generator for "${format}"`);
  const rand = random(seed);
  const out = createWriteStream(path);
  const written = { bytes: 0, entries: 0 };
  let t = Date.UTC(2025, 2, 14, 8, 0, 0);
  const head = HEADERS[format] ?? '';
  out.write(head);
  written.bytes += Buffer.byteLength(head);
  let buffer = '';
  // Bytes count only once flushed (so a size limit overshoots by up to one buffer), as they always
  // have: the files cached by earlier runs stay byte-identical to what this writes.
  while (!isDone(written)) {
    const entry = generator(rand, written.entries++, t);
    t += 1 + Math.floor(rand() * 50);
    buffer += entry;
    if (buffer.length > 1 << 20) {
      written.bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return written.entries;
}
