/**
 * Real files to mutate: the committed fixtures (fixtures/logs/<format id>/) and, when present, the
 * shared sample collection beside the repository (../shared/samples, listed in its MANIFEST.tsv;
 * only read). Large files contribute their start (text) or a window of chunks behind the file
 * header (.evtx), so every seed stays small enough to mutate and read many times a second.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isFixtureFile } from '../formats/fixture-samples';
import type { Random } from './random';

export interface Seed {
  /** Where it came from, for reports. */
  name: string;
  bytes: Uint8Array;
}

/** Text seeds are cut to their first bytes; mutations shift lines around, not whole files. */
const TEXT_SEED_BYTES = 128 * 1024;
/** Binary seeds are read whole up to this. */
const BINARY_SEED_BYTES = 4 * 1024 * 1024;
const EVTX_HEADER = 4096;
const EVTX_CHUNK = 65536;

/** MANIFEST format labels (their first word) → the target whose parser reads such files. */
const SAMPLE_TARGETS: Readonly<Record<string, string>> = {
  evtx: 'evtx',
  evt: 'evt',
  'csv-eventviewer': 'eventviewer-csv',
  csv: 'text',
  json: 'jsonl',
  jsonl: 'jsonl',
  'jsonl-docker': 'jsonl',
  'jsonl-nginx': 'jsonl',
  'jsonl-windows-events(nxlog-style)': 'jsonl',
  'jsonl-zeek': 'jsonl',
  syslog: 'syslog',
  'syslog-auth': 'syslog',
  'text-apache-access-combined': 'text',
  'text-jvm-gc': 'text',
  'text-log': 'text',
  'text-log-UTF16LE': 'text',
  'text-log4j': 'text',
  w3c: 'w3c',
  'w3c-iis': 'w3c',
  'w3c-windows-firewall': 'w3c',
  xml: 'eventviewer-xml',
};

function readStart(path: string, limit: number): Uint8Array {
  const size = statSync(path).size;
  const bytes = new Uint8Array(Math.min(size, limit));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

function isBinaryTarget(target: string): boolean {
  return target === 'evtx' || target === 'evt';
}

export class SeedCorpus {
  private readonly byTarget = new Map<string, Seed[]>();

  /** `fixturesDir`: fixtures/logs; `samplesDir`: ../shared/samples (skipped when absent). */
  constructor(fixturesDir: string, samplesDir: string | undefined) {
    if (existsSync(fixturesDir)) {
      for (const entry of readdirSync(fixturesDir, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        for (const name of readdirSync(join(fixturesDir, entry.name)).filter(isFixtureFile)) this.add(entry.name, join(fixturesDir, entry.name, name), `fixtures/logs/${entry.name}/${name}`);
      }
    }
    const manifest = samplesDir ? join(samplesDir, 'MANIFEST.tsv') : undefined;
    if (samplesDir && manifest && existsSync(manifest)) {
      for (const line of readFileSync(manifest, 'utf8').split('\n').slice(1)) {
        const [file, , label] = line.split('\t');
        const target = label ? SAMPLE_TARGETS[label.split(' ')[0]!] : undefined;
        const path = file ? join(samplesDir, file) : '';
        if (target && existsSync(path)) this.add(target, path, `samples/${file}`);
      }
    }
  }

  private add(target: string, path: string, name: string): void {
    const bytes = readStart(path, isBinaryTarget(target) ? BINARY_SEED_BYTES : TEXT_SEED_BYTES);
    const list = this.byTarget.get(target) ?? [];
    list.push({ name, bytes });
    this.byTarget.set(target, list);
  }

  /** Seeds for a target; every seed for the decoder and detection, which read any file. */
  seeds(target: string): readonly Seed[] {
    if (this.byTarget.has(target)) return this.byTarget.get(target)!;
    if (target === 'decoder' || target === 'detect') return [...this.byTarget.values()].flat();
    return [];
  }

  /** A seed to mutate; for .evtx, the file header and a window of one to three chunks. */
  pick(target: string, random: Random): Seed | undefined {
    const seeds = this.seeds(target);
    if (seeds.length === 0) return undefined;
    const seed = random.pick(seeds);
    const chunks = Math.floor((seed.bytes.length - EVTX_HEADER) / EVTX_CHUNK);
    if (!seed.name.endsWith('.evtx') || chunks <= 3) return seed;
    const first = random.below(chunks);
    const count = 1 + random.below(3);
    const window = seed.bytes.subarray(EVTX_HEADER + first * EVTX_CHUNK, EVTX_HEADER + (first + count) * EVTX_CHUNK);
    const bytes = new Uint8Array(EVTX_HEADER + window.length);
    bytes.set(seed.bytes.subarray(0, EVTX_HEADER), 0);
    bytes.set(window, EVTX_HEADER);
    return { name: `${seed.name}[chunks ${first}..${first + count - 1}]`, bytes };
  }
}
