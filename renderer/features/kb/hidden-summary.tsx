/**
 * "N hidden by KB" in the status line: hidden never means lost. Opens a breakdown by rule, and one
 * click shows the hidden entries (greyed, with the rule's reason).
 */
import { useState } from 'react';
import type { EventCounts } from '../../../shared/model/query';
import { visibleText } from '../../../shared/text/visible-text';
import { formatCount } from '../../format';
import type { KbView } from './use-kb';
import { VisibleText } from '../text/visible-text';

export interface HiddenSummaryProps {
  counts: EventCounts;
  kb: KbView;
  showHidden: boolean;
  onShowHidden(show: boolean): void;
  onManageRules(): void;
}

export function HiddenSummary({ counts, kb, showHidden, onShowHidden, onManageRules }: HiddenSummaryProps) {
  const [open, setOpen] = useState(false);
  const byRule = Object.entries(counts.hiddenByRule).sort((a, b) => b[1] - a[1]);
  return (
    <span className="menu-anchor hidden-summary">
      <button type="button" className="link-button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="hidden-count">
        {formatCount(counts.hidden)} hidden by KB{showHidden && counts.hidden > 0 ? ' (shown)' : ''}
      </button>
      <button
        type="button"
        className={`show-hidden${showHidden ? ' on' : ''}`}
        aria-pressed={showHidden}
        onClick={() => onShowHidden(!showHidden)}
        data-testid="show-hidden"
      >
        {showHidden ? 'Hide them' : 'Show hidden'}
      </button>
      {kb.state?.reclassifying && <span className="muted"> · applying rules…</span>}
      {open && (
        <div className="menu hidden-breakdown up" role="dialog" aria-label="Hidden by rule">
          {byRule.length === 0 ? (
            <p className="muted">Nothing is hidden under the current filters.</p>
          ) : (
            <table>
              <tbody>
                {byRule.map(([id, count]) => (
                  <tr key={id}>
                    <td className="count">{formatCount(count)}</td>
                    <td title={visibleText(kb.rules.get(id)?.rule.explanation ?? '')}>
                      <VisibleText text={kb.rules.get(id)?.rule.title ?? id} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="menu-actions">
            <button type="button" onClick={() => onShowHidden(!showHidden)}>
              {showHidden ? 'Hide them again' : 'Show hidden entries'}
            </button>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                onManageRules();
              }}
            >
              Manage rules…
            </button>
          </div>
        </div>
      )}
    </span>
  );
}
