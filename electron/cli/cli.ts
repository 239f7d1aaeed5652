/**
 * The `logsift` command line: `parse` (headless reading) and `serve` (the app in a browser).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../engine/engine';
import { allFormats, formatById } from '../engine/formats/registry';
import { isKnownZone } from '../engine/formats/timestamps';
import { defaultUserDataDir } from '../engine/user-data';
import { isLoopbackHost } from '../serve/auth';
import { startServer } from '../serve/server';
import { listRules, testRules } from './kb-command';
import { runParseCommand } from './parse-command';
import { runTailCommand } from './tail-command';
import { runExportCommand } from './export-command';
import { runBenchQueriesCommand } from './bench-queries-command';

declare const LOGSIFT_VERSION: string;

const USAGE = `Usage:
  logsift parse FILE... (--jsonl | --stats) [--format ID] [--tz ZONE] [--day-first]
  logsift serve [PATH...] [--port N] [--host ADDR --allow-remote]
  logsift tail DIR|FILE... [--jsonl] [--hide-benign] [--from-start] [--include GLOB]... [--exclude GLOB]... [--polling] [--no-recursive]
  logsift export PATH... -o OUT [--format csv|jsonl|xlsx|html] [--query TEXT] [--level LEVEL+] [--source NAME]... [--from ISO] [--to ISO] [--show-benign]
  logsift kb list
  logsift kb test FILE...

Developer commands:
  logsift bench-queries FILE... [--json] [--load-and-count] [--export]

  parse --jsonl   print one JSON object per entry
  parse --stats   load through the app's ingest path and print the accounting per file
  --format ID     read every file as this format instead of detecting it
  --tz ZONE       the zone zone-less times were written in (UTC, +01:00, Europe/Berlin)
  --day-first     read dates like 09/12/2025 as day first
  serve           run Logsift in your browser; prints a URL with an access token
  --allow-remote  serve: listen on a --host other machines can reach (off by default: loopback only)
  tail            follow folders (or files): print entries as they are appended, new files as they appear
  --hide-benign   tail: leave out what the KB hides
  --from-start    tail: print what the files already hold too
  export          write the filtered view of the files to OUT (what the KB hides stays out unless --show-benign)
  kb list         print the knowledge-base rules in force (built-in and your own)
  kb test         load files and print what each rule matched and hid, and the hidden entries
  bench-queries   time the first rows, the load, and the grid's filters, sorts and deep pages on the files
  --json          bench-queries: one JSON line per measurement
  --load-and-count  bench-queries: stop after loading and counting the errors (to compare with other tools)
  --export        bench-queries: also time a CSV export of every row
`;

/** Files that ship beside the bundled CLI. */
function bundledPath(name: string): string {
  return join(__dirname, name);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'parse':
      return parseCommand(rest);
    case 'serve':
      return serveCommand(rest);
    case 'kb':
      return kbCommand(rest);
    case 'tail':
      return tailCommand(rest);
    case 'export':
      return exportCommand(rest);
    case 'bench-queries':
      return benchQueriesCommand(rest);
    case '--version':
      process.stdout.write(`${LOGSIFT_VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`logsift: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

async function parseCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      jsonl: { type: 'boolean' },
      stats: { type: 'boolean' },
      format: { type: 'string' },
      tz: { type: 'string' },
      'day-first': { type: 'boolean' },
    },
  });
  if (positionals.length === 0 || values.jsonl === values.stats) {
    process.stderr.write(`logsift parse: name at least one file and exactly one of --jsonl or --stats\n${USAGE}`);
    return 2;
  }
  if (values.format && !formatById(values.format)) {
    process.stderr.write(`logsift parse: no format called "${values.format}"; known: ${allFormats().map((f) => f.id).join(', ')}\n`);
    return 2;
  }
  if (values.tz && !isKnownZone(values.tz)) {
    process.stderr.write(`logsift parse: unknown time zone "${values.tz}" (use UTC, an offset like +01:00, or a name like Europe/Berlin)\n`);
    return 2;
  }
  return runParseCommand({
    files: positionals,
    mode: values.jsonl ? 'jsonl' : 'stats',
    read: {
      ...(values.format ? { format: values.format } : {}),
      ...(values.tz ? { timeZone: values.tz } : {}),
      ...(values['day-first'] ? { dayFirst: true } : {}),
    },
    workerScript: bundledPath('ingest-worker.js'),
    userDataDir: defaultUserDataDir(),
    out: process.stdout,
    err: process.stderr,
  });
}

async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      format: { type: 'string' },
      query: { type: 'string' },
      level: { type: 'string' },
      source: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      'show-benign': { type: 'boolean' },
    },
  });
  if (positionals.length === 0 || !values.out) {
    process.stderr.write(`logsift export: name the files and the output (-o OUT)\n${USAGE}`);
    return 2;
  }
  return runExportCommand({
    paths: positionals,
    out: values.out,
    format: values.format,
    query: values.query,
    level: values.level,
    sources: values.source ?? [],
    from: values.from,
    to: values.to,
    showBenign: values['show-benign'] ?? false,
    workerScript: bundledPath('ingest-worker.js'),
    userDataDir: defaultUserDataDir(),
    stdout: process.stdout,
    stderr: process.stderr,
  });
}

async function tailCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      jsonl: { type: 'boolean' },
      'hide-benign': { type: 'boolean' },
      'from-start': { type: 'boolean' },
      include: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      polling: { type: 'boolean' },
      'no-recursive': { type: 'boolean' },
    },
  });
  if (positionals.length === 0) {
    process.stderr.write(`logsift tail: name at least one folder or file\n${USAGE}`);
    return 2;
  }
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  return runTailCommand({
    paths: positionals,
    jsonl: values.jsonl ?? false,
    hideBenign: values['hide-benign'] ?? false,
    fromStart: values['from-start'] ?? false,
    watch: { recursive: !values['no-recursive'], include: values.include ?? [], exclude: values.exclude ?? [], polling: values.polling ?? false },
    workerScript: bundledPath('ingest-worker.js'),
    userDataDir: defaultUserDataDir(),
    out: process.stdout,
    err: process.stderr,
    stopped,
  });
}

async function benchQueriesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, 'load-and-count': { type: 'boolean' }, export: { type: 'boolean' } },
  });
  if (positionals.length === 0) {
    process.stderr.write(`logsift bench-queries: name at least one file\n${USAGE}`);
    return 2;
  }
  return runBenchQueriesCommand({
    files: positionals,
    json: values.json ?? false,
    loadAndCountOnly: values['load-and-count'] ?? false,
    exportCsv: values.export ?? false,
    workerScript: bundledPath('ingest-worker.js'),
    userDataDir: defaultUserDataDir(),
    out: process.stdout,
    err: process.stderr,
  });
}

async function kbCommand(args: string[]): Promise<number> {
  const [sub, ...files] = args;
  const options = { workerScript: bundledPath('ingest-worker.js'), userDataDir: defaultUserDataDir(), out: process.stdout, err: process.stderr };
  if (sub === 'list' && files.length === 0) return listRules(options);
  if (sub === 'test' && files.length > 0) return testRules(files, options);
  process.stderr.write(`logsift kb: use "kb list" or "kb test FILE..."\n${USAGE}`);
  return 2;
}

async function serveCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-remote': { type: 'boolean', default: false },
    },
  });
  const remote = !isLoopbackHost(values.host);
  if (remote && !values['allow-remote']) {
    process.stderr.write(
      `logsift serve: --host ${values.host} would let other machines reach these logs; add --allow-remote if that is what you want (the URL's token is then the only lock, and traffic is not encrypted)\n`,
    );
    return 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`logsift serve: --port must be a number from 0 to 65535, not "${values.port}"\n`);
    return 2;
  }
  const rendererDir = join(__dirname, '..', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write(`logsift serve: the renderer is not built (${rendererDir}); run "npm run build"\n`);
    return 1;
  }
  const engine = await Engine.create({ workerScript: bundledPath('ingest-worker.js'), userDataDir: defaultUserDataDir() });
  const server = await startServer({ engine, rendererDir, port, host: values.host, version: LOGSIFT_VERSION });
  if (remote) {
    process.stderr.write(
      `logsift serve: warning: listening on ${values.host}, reachable from other machines; anyone with the URL (token included) can read these logs, and traffic is not encrypted\n`,
    );
  }
  process.stdout.write(`Logsift is running at ${server.url}\n`);
  // Folders are watched (followed as they grow); files are opened.
  if (positionals.length > 0) await engine.openOrWatch(positionals);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  engine.close();
  return 0;
}

// `logsift parse … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`logsift: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
