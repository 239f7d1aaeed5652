/** Event Viewer / wevtutil XML exports (being written: detect() says 0 until then). */
import type { FormatPlugin } from './format';

export const eventViewerXml: FormatPlugin = {
  id: 'eventviewer-xml',
  label: 'Event XML export',
  detect: () => 0,
  async parse() {},
};
