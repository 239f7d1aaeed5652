/** Windows NT/2000/2003 Event Viewer CSV and TXT exports (being written: detect() says 0 until then). */
import type { FormatPlugin } from './format';

export const legacyEventViewerText: FormatPlugin = {
  id: 'legacy-eventviewer-text',
  label: 'Event Viewer export (NT/2003)',
  detect: () => 0,
  async parse() {},
};
