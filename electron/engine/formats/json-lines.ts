/** JSON lines: Windows events (nxlog, winlogbeat, ECS), bunyan/pino, generic objects (being written: detect() says 0 until then). */
import type { FormatPlugin } from './format';

export const jsonLines: FormatPlugin = {
  id: 'jsonl',
  label: 'JSON lines',
  detect: () => 0,
  async parse() {},
};
