/** PowerShell Export-Csv of Get-WinEvent and Get-EventLog (being written: detect() says 0 until then). */
import type { FormatPlugin } from './format';

export const powerShellCsv: FormatPlugin = {
  id: 'powershell-csv',
  label: 'PowerShell Export-Csv',
  detect: () => 0,
  async parse() {},
};
