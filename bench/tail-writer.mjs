// Helper process of bench/tail.mjs: appends plain-text log lines to a file at a steady rate, in
// small batches every few milliseconds, from its own process so that its timers do not compete
// with the reader's event loop. Each line is
//   YYYY-MM-DD HH:MM:SS INFO seq=<n> sent=<epoch ms with fraction>
// where `sent` is performance.timeOrigin + performance.now() just before the batch is written.
// When done it prints one JSON line with what it wrote to stdout.
//
// Usage: node bench/tail-writer.mjs --file F --rate LINES_PER_S --seconds S [--interval MS] [--start-seq N]
import { closeSync, openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    interval: { type: 'string', default: '5' },
    'start-seq': { type: 'string', default: '0' },
  },
});
if (!values.file || !values.rate || !values.seconds) {
  process.stderr.write('usage: node bench/tail-writer.mjs --file F --rate N --seconds S [--interval MS] [--start-seq N]\n');
  process.exit(2);
}
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const interval = Number(values.interval);
const startSeq = Number(values['start-seq']);
const total = Math.round(rate * seconds);

const now = () => performance.timeOrigin + performance.now();
const pad = (n) => String(n).padStart(2, '0');
let stampSecond = -1;
let stamp = '';
/** Local "YYYY-MM-DD HH:MM:SS", computed once per second. */
function timestamp(ms) {
  const second = Math.floor(ms / 1000);
  if (second !== stampSecond) {
    const d = new Date(second * 1000);
    stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    stampSecond = second;
  }
  return stamp;
}

const fd = openSync(values.file, 'a');
let written = 0;
let batches = 0;
let maxBatch = 0;
let maxTimerLateMs = 0;
const started = now();
let lastTick = started;

function tick() {
  const t = now();
  maxTimerLateMs = Math.max(maxTimerLateMs, t - lastTick - interval);
  lastTick = t;
  const due = Math.min(total, Math.floor(((t - started) / 1000) * rate) + 1);
  if (due > written) {
    const sent = now();
    const prefix = `${timestamp(sent)} INFO seq=`;
    const suffix = ` sent=${sent.toFixed(3)}\n`;
    let text = '';
    for (let seq = startSeq + written; seq < startSeq + due; seq++) text += prefix + seq + suffix;
    const buffer = Buffer.from(text);
    let off = 0;
    while (off < buffer.length) off += writeSync(fd, buffer, off, buffer.length - off);
    batches++;
    maxBatch = Math.max(maxBatch, due - written);
    written = due;
  }
  if (written < total) setTimeout(tick, Math.max(0, interval - (now() - t)));
  else finish();
}

function finish() {
  closeSync(fd);
  const elapsed = (now() - started) / 1000;
  const cpu = process.cpuUsage();
  process.stdout.write(
    `${JSON.stringify({ written, firstSeq: startSeq, lastSeq: startSeq + written - 1, seconds: elapsed, rate: written / elapsed, batches, maxBatch, maxTimerLateMs, cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`,
  );
}

tick();
