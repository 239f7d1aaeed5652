/** syslog: RFC 3164, RFC 5424 and rsyslog variants (being written: detect() says 0 until then). */
import type { FormatPlugin } from './format';

export const syslog: FormatPlugin = {
  id: 'syslog',
  label: 'Syslog',
  detect: () => 0,
  async parse() {},
};
