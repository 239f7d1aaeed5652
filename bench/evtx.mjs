// Developer benchmark, not part of the test suite: Logsift's .evtx reader against evtxexport
// (libevtx-utils) on the same files, each run as a one-shot process as a user would run it.
//
//   node bench/evtx.mjs [--repeat N] [FILE…]    (npm run bench:evtx)
//
// --repeat N (default 30) also builds a large file from security.evtx: its header and N copies of
// its chunks, with the header's chunk count and checksum fixed so that libevtx reads them all.
// Reported: user+system CPU seconds (this machine is shared: wall time is noisy) and wall time,
// measured by /usr/bin/time, and MB/s from the CPU time. Logsift's process reads the file 64 KiB
// at a time through the plugin, and keeps nothing but a count of events and of XML characters.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const here = join(root, 'electron', 'engine', 'formats', 'evtx');
const args = process.argv.slice(2);
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args[repeatAt + 1]) : 30;
const files = args.filter((arg, i) => !arg.startsWith('--') && i !== repeatAt + 1);
const SECURITY = join(root, '..', 'shared', 'samples', 'evtx', 'omerbenamram_evtx', 'security.evtx');

const dir = mkdtempSync(join(tmpdir(), 'logsift-evtx-bench-'));

/** CRC-32 (zlib) for the rebuilt file header. */
function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return ~crc >>> 0;
}

function repeatedFile(source, copies) {
  const data = readFileSync(source);
  const chunks = [];
  for (let offset = 4096; offset + 65536 <= data.length; offset += 65536) {
    if (data.subarray(offset, offset + 8).toString('latin1') === 'ElfChnk\0') chunks.push(data.subarray(offset, offset + 65536));
  }
  const header = Buffer.from(data.subarray(0, 4096));
  const count = chunks.length * copies;
  header.writeBigUInt64LE(0n, 8);
  header.writeBigUInt64LE(BigInt(count - 1), 16);
  header.writeUInt16LE(count, 42);
  header.writeUInt32LE(crc32(header.subarray(0, 120)), 124);
  const path = join(dir, `${basename(source, '.evtx')}_x${copies}.evtx`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: copies }, () => chunks).flat()]));
  return path;
}

/** Runs a command under /usr/bin/time; returns CPU and wall seconds and its stdout. */
function timed(command, argv) {
  const result = spawnSync('/usr/bin/time', ['-f', 'TIME %U %S %e %M', command, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const match = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr ?? '');
  if (!match) throw new Error(`${command} failed: ${result.stderr}`);
  return { cpu: Number(match[1]) + Number(match[2]), wall: Number(match[3]), peakMb: Math.round(Number(match[4]) / 1024), stdout: result.stdout };
}

try {
  const runner = join(dir, 'parse-evtx.cjs');
  await build({
    stdin: {
      contents: `
        import { evtx } from ${JSON.stringify(join(here, 'evtx.ts'))};
        import { openSync, readSync, fstatSync } from 'node:fs';
        const fd = openSync(process.argv[2], 'r');
        const size = fstatSync(fd).size;
        let events = 0, chars = 0, damage = 0;
        evtx.parse({ size, async read(position, length) {
          const buffer = new Uint8Array(Math.max(0, Math.min(length, size - position)));
          return buffer.subarray(0, buffer.length ? readSync(fd, buffer, 0, buffer.length, position) : 0);
        } }, { event(e) { events++; chars += e.raw.length + e.raw.charCodeAt(e.raw.length >> 1) + e.message.charCodeAt(e.message.length >> 1); }, damaged() { damage++; }, progress() {} },
        { fileName: process.argv[2], modifiedTime: 0, options: {} }).then(() => console.log(JSON.stringify({ events, chars, damage })));`,
      resolveDir: here,
      loader: 'ts',
    },
    outfile: runner,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  const targets = [...files, ...(repeat > 0 ? [repeatedFile(SECURITY, repeat)] : [])];
  console.log('Parser: the .evtx plugin alone. App: `logsift parse FILE --stats`, the whole ingest path (worker, spool, DuckDB store).');
  console.log('| file | MB | evtxexport CPU s (wall, peak MB) | parser CPU s (wall, peak MB) | app CPU s (wall, peak MB) | evtxexport MB/s | parser MB/s | app MB/s (wall) | parser ratio (CPU) | app ratio (wall) | events |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const file of targets) {
    const mb = statSync(file).size / 1048576;
    const oracle = timed('evtxexport', [file]);
    const ours = timed(process.execPath, [runner, file]);
    const app = timed(process.execPath, [join(root, 'bin', 'logsift.js'), 'parse', file, '--stats']);
    const { events } = JSON.parse(ours.stdout);
    const rate = (seconds) => (mb / Math.max(seconds, 0.01)).toFixed(1);
    const cell = (run) => `${run.cpu.toFixed(2)} (${run.wall.toFixed(2)}, ${run.peakMb})`;
    console.log(
      `| ${basename(file)} | ${mb.toFixed(1)} | ${cell(oracle)} | ${cell(ours)} | ${cell(app)} | ${rate(oracle.cpu)} | ${rate(ours.cpu)} | ${rate(app.wall)} | ${(oracle.cpu / Math.max(ours.cpu, 0.01)).toFixed(1)}× | ${(oracle.wall / Math.max(app.wall, 0.01)).toFixed(1)}× | ${events} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
