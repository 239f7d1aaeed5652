/** W3C extended log files: IIS, HTTP.sys, Windows Firewall, Exchange message tracking (being written: detect() says 0 until then). */
import type { FormatPlugin } from './format';

export const w3cExtended: FormatPlugin = {
  id: 'w3c',
  label: 'W3C extended log',
  detect: () => 0,
  async parse() {},
};
