/** Windows XML Event Log (.evtx) reader (being written: detect() says 0 until then). */
import type { BinaryFormatPlugin } from '../binary-format';

export const evtx: BinaryFormatPlugin = {
  kind: 'binary',
  id: 'evtx',
  label: 'Windows event log (.evtx)',
  detect: () => 0,
  async parse() {},
};
