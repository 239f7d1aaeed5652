import { describe, expect, it } from 'vitest';
import { SEVERITIES, SEVERITY_ICONS, SEVERITY_LABELS, SEVERITY_PALETTE, severityFromEventType, severityFromSyslog, severityFromWindowsLevel, severityFromWord } from './severity';

describe('the one severity scale', () => {
  it('maps Windows levels, legacy event types and syslog severities as the KB facts (C6) propose', () => {
    expect([0, 1, 2, 3, 4, 5, 16].map(severityFromWindowsLevel)).toEqual(['information', 'critical', 'error', 'warning', 'information', 'verbose', undefined]);
    expect([0, 1, 2, 4, 8, 16, 3].map(severityFromEventType)).toEqual(['information', 'error', 'warning', 'information', 'audit-success', 'audit-failure', undefined]);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(severityFromSyslog)).toEqual([
      'critical', 'critical', 'critical', 'error', 'warning', 'information', 'information', 'verbose', undefined,
    ]);
    expect(['Audit Failure', 'WARN', 'err', 'Informational', 'Success Audit'].map(severityFromWord)).toEqual([
      'audit-failure', 'warning', 'error', 'information', 'audit-success',
    ]);
  });

  it('gives every severity a label, an icon and a colour in both themes, never colour alone', () => {
    for (const severity of SEVERITIES) {
      expect(SEVERITY_LABELS[severity]).toBeTruthy();
      expect(SEVERITY_ICONS[severity]).toBeTruthy();
      expect(SEVERITY_PALETTE.light[severity].accent).toMatch(/^#[0-9a-f]{6}$/);
      expect(SEVERITY_PALETTE.dark[severity].background).toMatch(/^#[0-9a-f]{6}$/);
    }
    expect(new Set(SEVERITIES.map((severity) => SEVERITY_ICONS[severity])).size).toBe(SEVERITIES.length);
  });
});
