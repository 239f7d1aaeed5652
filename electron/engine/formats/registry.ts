/**
 * The formats Logsift knows, and content-based detection: each plugin rates the file's first
 * kilobytes and the most confident one wins. The file name is never trusted on its own.
 */
import { eventViewerCsv } from './eventviewer-csv';
import { eventViewerXml } from './eventviewer-xml';
import type { FormatPlugin, ParseContext } from './format';
import { jsonLines } from './json-lines';
import { legacyEventViewerText } from './legacy-eventviewer-text';
import { plainText } from './plain-text';
import { powerShellCsv } from './powershell-csv';
import { syslog } from './syslog';
import { w3cExtended } from './w3c';

/** All formats; on equal confidence the earlier one wins, so specific formats come first. */
export const FORMATS: readonly FormatPlugin[] = [
  eventViewerCsv,
  legacyEventViewerText,
  powerShellCsv,
  eventViewerXml,
  w3cExtended,
  jsonLines,
  syslog,
  plainText,
];

export interface Detection {
  plugin: FormatPlugin;
  confidence: number;
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
export function formatById(id: string): FormatPlugin | undefined {
  return FORMATS.find((plugin) => plugin.id === id);
}
