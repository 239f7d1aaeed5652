/** Legacy Windows NT/2000/XP/2003 event log (.evt) reader (being written: detect() says 0 until then). */
import type { BinaryFormatPlugin } from '../binary-format';

export const evt: BinaryFormatPlugin = {
  kind: 'binary',
  id: 'evt',
  label: 'Windows event log, legacy (.evt)',
  detect: () => 0,
  async parse() {},
};
