/**
 * The formats Logsift knows, and content-based detection: each plugin rates the file's first
 * kilobytes and the most confident one wins. The file name is never trusted on its own.
 */
import type { BinaryFormatPlugin } from './binary-format';
import { evt } from './evt/evt';
import { eventViewerCsv } from './eventviewer-csv';
import { eventViewerXml } from './eventviewer-xml';
import type { FormatPlugin, ParseContext } from './format';
import { jsonLines } from './json-lines';
import { legacyEventViewerText } from './legacy-eventviewer-text';
import { logsiftCsv } from './logsift-csv';
import { plainText } from './plain-text';
import { powerShellCsv } from './powershell-csv';
import { syslog } from './syslog';
import { w3cExtended } from './w3c';
import { evtx } from './evtx/evtx';

/** All formats; on equal confidence the earlier one wins, so specific formats come first. */
export const FORMATS: readonly FormatPlugin[] = [
  logsiftCsv,
  eventViewerCsv,
  legacyEventViewerText,
  powerShellCsv,
  eventViewerXml,
  w3cExtended,
  jsonLines,
  syslog,
  plainText,
];

/** Binary formats, recognised from the file's first bytes before any text decoding. */
export const BINARY_FORMATS: readonly BinaryFormatPlugin[] = [evtx, evt];

export interface Detection {
  plugin: FormatPlugin;
  confidence: number;
}

/** Picks a binary format from the file's first bytes; undefined when none recognises them. */
export function detectBinaryFormat(head: Uint8Array, context: ParseContext): BinaryFormatPlugin | undefined {
  let best: { plugin: BinaryFormatPlugin; confidence: number } | undefined;
  for (const plugin of BINARY_FORMATS) {
    const confidence = plugin.detect(head, context);
    if (confidence > 0 && (!best || confidence > best.confidence)) best = { plugin, confidence };
  }
  return best?.plugin;
}

/** Picks the format for a decoded sample; undefined when no plugin recognises it. */
export function detectFormat(sample: string, context: ParseContext): Detection | undefined {
  let best: Detection | undefined;
  for (const plugin of FORMATS) {
    const confidence = plugin.detect(sample, context);
    if (confidence > 0 && (!best || confidence > best.confidence)) best = { plugin, confidence };
  }
  return best;
}

/** Finds a format by id, for users who override detection. */
export function formatById(id: string): FormatPlugin | BinaryFormatPlugin | undefined {
  return FORMATS.find((plugin) => plugin.id === id) ?? BINARY_FORMATS.find((plugin) => plugin.id === id);
}

/** Every format, text and binary, for listings. */
export function allFormats(): readonly (FormatPlugin | BinaryFormatPlugin)[] {
  return [...BINARY_FORMATS, ...FORMATS];
}
