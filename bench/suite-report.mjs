// The markdown summary bench/suite.mjs prints at the end (on stderr, so that stdout stays one JSON
// record per line): the figures in tables, then each goal of issue 9 as met, missed or not measured.

const GOAL_FILTERS_AT = 5_000_000;
const GIGABYTE = 1e9;
const FAST_FILTERS = ['filter-level', 'filter-provider', 'filter-event-id', 'filter-time-range'];
/** Rows of the query tables, in the order a user meets them. */
const QUERY_ORDER = ['first-rows', 'loaded', 'load-and-error-count', ...FAST_FILTERS, 'filter-substring', 'filter-regex', 'sort-provider'];
const queryRank = (name) => (QUERY_ORDER.includes(name) ? QUERY_ORDER.indexOf(name) : name.startsWith('deep-page-') ? QUERY_ORDER.length : QUERY_ORDER.length + 1);

const fmt = (n, digits = 0) => (typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');
const table = (header, rows) => [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
const of = (records, benchmark) => records.filter((record) => record.benchmark === benchmark);
const label = (record) => `${record.format} ${fmt(record.generatedEvents)}`;

export function summary(records) {
  const parts = [];
  const machine = of(records, 'machine')[0];
  if (machine) {
    parts.push(
      `Machine: ${machine.nproc} × ${machine.cpu}, ${machine.memoryGb} GB RAM, Node ${machine.node}, lnav ${machine.lnav}; load average ${machine.loadAverage.join(' ')} at the start.`,
    );
  }
  const ingests = of(records, 'ingest');
  if (ingests.length > 0) {
    parts.push(
      table(
        ['file', 'events', 'MB', 'seconds', 'MB/s', 'events/s', 'peak RSS MB'],
        ingests.map((r) => [label(r), fmt(r.events), fmt(r.bytes / 1048576), fmt(r.seconds, 2), fmt(r.mbPerSecond, 1), fmt(r.eventsPerSecond), fmt(r.peakRssMb)]),
      ),
    );
  }
  parts.push(...queryTables(of(records, 'query')));
  const lnav = of(records, 'vs-lnav');
  if (lnav.length > 0) {
    parts.push(
      table(
        ['syslog file', 'lnav s (peak MB)', 'Logsift s (peak MB)', 'errors lnav / Logsift', 'speed lnav÷Logsift', 'memory lnav÷Logsift'],
        lnav.map((r) => [
          `${r.file}`,
          `${fmt(r.lnavSeconds, 2)} (${fmt(r.lnavPeakRssMb)})`,
          `${fmt(r.logsiftSeconds, 2)} (${fmt(r.logsiftPeakRssMb)})`,
          `${fmt(r.lnavErrors)} / ${fmt(r.logsiftErrors)}`,
          `${fmt(r.speedRatio, 2)}×`,
          `${fmt(r.memoryRatio, 2)}×`,
        ]),
      ),
    );
  }
  const evtx = of(records, 'evtx');
  if (evtx.length > 0) {
    parts.push(
      table(
        ['evtx file', 'MB', 'events', 'evtxexport MB/CPU-s', 'parser MB/CPU-s', 'app MB/s (wall)', 'parser ÷ evtxexport (CPU)', 'app ÷ evtxexport (wall)'],
        evtx.map((r) => [r.file, fmt(r.mb, 1), fmt(r.events), fmt(r.evtxexport.mbPerCpuSecond, 1), fmt(r.parser.mbPerCpuSecond, 1), fmt(r.app.mbPerWallSecond, 1), `${fmt(r.parserRatioCpu, 1)}×`, `${fmt(r.appRatioWall, 1)}×`]),
      ),
    );
  }
  const tail = of(records, 'tail');
  if (tail.length > 0) {
    parts.push(
      table(
        ['tail lines/s', 'achieved', 'missing', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'peak RSS MB', 'other processes (cores)'],
        tail.map((r) => [fmt(r.rate), fmt(r.achievedRate), fmt(r.missing), fmt(r.p50Ms, 1), fmt(r.p95Ms, 1), fmt(r.p99Ms, 1), fmt(r.maxMs, 1), fmt(r.peakRssMb), fmt(r.otherProcessesCores, 2)]),
      ),
    );
  } else parts.push('Tail latency: not run here; `npm run bench:tail` (about a minute).');
  parts.push(table(['goal', 'verdict', 'figures'], goals(records)));
  const suite = of(records, 'suite')[0];
  if (suite) parts.push(`Suite took ${fmt(suite.seconds / 60, 1)} min; load average ${suite.loadAverageEnd.join(' ')} at the end.`);
  return `\n${parts.join('\n\n')}\n`;
}

/** One table per data size: measurements down, files across; median ms, the cold first run in brackets. */
function queryTables(queries) {
  const tables = [];
  for (const events of [...new Set(queries.map((r) => r.generatedEvents))]) {
    const rows = queries.filter((r) => r.generatedEvents === events);
    const formats = [...new Set(rows.map((r) => r.format))];
    const names = [...new Set(rows.filter((r) => r.ms !== undefined).map((r) => r.name))].sort((a, b) => queryRank(a) - queryRank(b));
    const cell = (format, name) => {
      const r = rows.find((row) => row.format === format && row.name === name);
      if (!r) return '–';
      // A search's cell also says how much of the view it matched.
      const share = r.name === 'filter-substring' || r.name === 'filter-regex' ? ` · ${fmt((100 * r.matches) / r.rows, 1)} %` : '';
      if (r.medianMs !== undefined) return `${fmt(r.ms, 1)} (${fmt(r.medianMs, 1)})${share}`;
      return r.rowsPerSecond !== undefined ? `${fmt(r.ms)} (${fmt(r.rowsPerSecond)} rows/s)` : fmt(r.ms);
    };
    const peaks = formats.map((format) => fmt(rows.find((r) => r.format === format && r.name === 'peak-rss')?.mb));
    tables.push(
      `Queries at ${fmt(events)} events, ms: first ask (median of 3 asks; asked again, a view's counts come from the cache)\n\n` +
        table(['measurement', ...formats], [...names.map((name) => [name, ...formats.map((format) => cell(format, name))]), ['peak RSS MB', ...peaks]]),
    );
  }
  return tables;
}

function goals(records) {
  const rows = [];
  const verdict = (met) => (met ? 'met' : '**missed**');
  for (const r of of(records, 'vs-lnav')) {
    const met = r.speedRatio >= 2 && r.lnavPeakRssMb > r.logsiftPeakRssMb;
    rows.push([`syslog load + error count ≥ 2× faster than lnav, less memory (${r.file})`, verdict(met), `${fmt(r.speedRatio, 2)}× faster; ${fmt(r.logsiftPeakRssMb)} MB vs lnav ${fmt(r.lnavPeakRssMb)} MB`]);
  }
  for (const r of of(records, 'evtx')) {
    rows.push([`.evtx ≥ 10× evtxexport throughput (${r.file})`, verdict(r.parserRatioCpu >= 10 && r.appRatioWall >= 10), `parser ${fmt(r.parserRatioCpu, 1)}× (CPU), whole app ${fmt(r.appRatioWall, 1)}× (wall)`]);
  }
  const big = of(records, 'query').filter((r) => r.generatedEvents >= GOAL_FILTERS_AT);
  const limits = [
    ['level/provider/event-ID/time filter first page < 100 ms', (r) => FAST_FILTERS.includes(r.name), 100],
    ['substring first page < 500 ms', (r) => r.name === 'filter-substring', 500],
    ['deep-scroll page < 50 ms', (r) => r.name.startsWith('deep-page-'), 50],
  ];
  for (const [goal, matches, limitMs] of limits) {
    const measured = big.filter((r) => matches(r) && r.ms !== undefined);
    if (measured.length === 0) rows.push([`at 5M events: ${goal}`, 'not measured', 'no run at 5M events']);
    else {
      const worst = measured.reduce((a, b) => (b.ms > a.ms ? b : a));
      rows.push([`at 5M events: ${goal}`, verdict(worst.ms < limitMs), `worst ${worst.name} on ${worst.format}: ${fmt(worst.ms, 1)} ms (first ask)`]);
    }
  }
  const firstRows = of(records, 'query').filter((r) => r.name === 'first-rows');
  const gigabyte = firstRows.filter((r) => r.bytes >= GIGABYTE);
  if (gigabyte.length > 0) {
    const worst = gigabyte.reduce((a, b) => (b.ms > a.ms ? b : a));
    rows.push(['time to first rows for a 1 GB file < 1 s', verdict(worst.ms < 1000), `${fmt(worst.ms)} ms (${label(worst)}, ${fmt(worst.bytes / GIGABYTE, 2)} GB)`]);
  } else {
    const largest = firstRows.reduce((a, b) => (!a || b.bytes > a.bytes ? b : a), undefined);
    rows.push(['time to first rows for a 1 GB file < 1 s', 'not measured', largest ? `largest file ${fmt(largest.bytes / GIGABYTE, 2)} GB: ${fmt(largest.ms)} ms` : 'no file']);
  }
  const bigIngests = of(records, 'ingest').filter((r) => r.generatedEvents >= GOAL_FILTERS_AT);
  if (bigIngests.length === 0) rows.push(['peak memory for 5M events < 1.5 GB', 'not measured', 'no run at 5M events']);
  for (const r of bigIngests) {
    const queryPeak = big.find((q) => q.format === r.format && q.name === 'peak-rss')?.mb;
    rows.push([`peak memory for 5M events < 1.5 GB (${label(r)})`, verdict(r.peakRssMb < 1536), `ingest ${fmt(r.peakRssMb)} MB; loaded and queried ${fmt(queryPeak)} MB`]);
  }
  return rows;
}
