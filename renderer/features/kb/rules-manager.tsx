/** The KB rules in force: enable/disable, edit, delete, and share them as a rule pack. */
import { useRef, useState } from 'react';
import type { LogsiftApi } from '../../../shared/api';
import { VERDICT_LABELS, type KbRuleInput } from '../../../shared/kb/rule-schema';
import type { KbRuleInfo } from '../../../shared/model/kb';
import { visibleText } from '../../../shared/text/visible-text';
import { formatCount } from '../../format';
import type { KbView } from './use-kb';
import { VisibleText } from '../text/visible-text';

export interface RulesManagerProps {
  api: LogsiftApi;
  kb: KbView;
  onEdit(rule: KbRuleInput): void;
  onClose(): void;
}

export function RulesManager({ api, kb, onEdit, onClose }: RulesManagerProps) {
  const [filter, setFilter] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const importInput = useRef<HTMLInputElement>(null);
  const report = (error: unknown) => setMessage(error instanceof Error ? error.message : String(error));
  const act = (work: Promise<unknown>, done?: string) =>
    work.then(() => {
      setMessage(done ?? null);
      kb.refresh();
    }, report);

  const exportRules = async () => {
    const text = await api.exportKbRules();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    link.download = 'logsift-user-rules.json';
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const importRules = async (file: File) => {
    const { imported } = await api.importKbRules(await file.text());
    return `Imported ${imported} rule${imported === 1 ? '' : 's'} from ${file.name}.`;
  };

  const needle = filter.trim().toLowerCase();
  // Your rules first, then the rules that matched something, each group in its own order.
  const rank = (info: KbRuleInfo) => (info.origin === 'user' ? 0 : info.matched > 0 ? 1 : 2);
  const rules = (kb.state?.rules ?? [])
    .filter(({ rule }) => !needle || `${rule.id} ${rule.title} ${JSON.stringify(rule.match)}`.toLowerCase().includes(needle))
    .map((info, order) => ({ info, order }))
    .sort((a, b) => rank(a.info) - rank(b.info) || a.order - b.order)
    .map(({ info }) => info);
  return (
    <div className="dialog-backdrop">
      <div className="dialog rules-manager" role="dialog" aria-modal="true" aria-label="Knowledge-base rules" data-testid="rules-manager">
        <header>
          <h2>Knowledge-base rules</h2>
          <input type="search" placeholder="Filter rules…" aria-label="Filter rules" value={filter} onChange={(event) => setFilter(event.target.value)} />
          <button type="button" onClick={() => exportRules().catch(report)} data-testid="export-rules">
            Export my rules
          </button>
          <button type="button" onClick={() => importInput.current?.click()} data-testid="import-rules">
            Import…
          </button>
          <input
            ref={importInput}
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="import-rules-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) importRules(file).then((done) => act(Promise.resolve(), done), report);
            }}
          />
          <button type="button" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        {kb.state?.userRulesProblem && (
          <p className="form-problem" role="alert">
            {kb.state.userRulesProblem}
          </p>
        )}
        {message && (
          <p className="notice" role="status" data-testid="rules-message">
            {message}
          </p>
        )}
        <div className="rules-table-host">
          <table className="rules-table">
            <thead>
              <tr>
                <th>On</th>
                <th>Rule</th>
                <th>Verdict</th>
                <th>Matched</th>
                <th>Hidden</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rules.map(({ rule, origin, matched, hidden, overridesBuiltin }) => (
                <tr key={rule.id} className={rule.enabled ? '' : 'disabled'} data-testid={`rule-row-${rule.id}`}>
                  <td>
                    <input
                      type="checkbox"
                      checked={rule.enabled}
                      aria-label={`${rule.enabled ? 'Disable' : 'Enable'} ${visibleText(rule.title)}`}
                      onChange={(event) => act(api.setKbRuleEnabled(rule.id, event.target.checked))}
                    />
                  </td>
                  <td title={visibleText(rule.explanation)}>
                    <VisibleText text={rule.title} />
                    <div className="muted">
                      {rule.id} · {origin === 'user' ? (overridesBuiltin ? 'your version of a built-in rule' : 'your rule') : 'built-in'}
                    </div>
                  </td>
                  <td>
                    {VERDICT_LABELS[rule.verdict]}
                    {rule.hide ? ', hides' : ''}
                  </td>
                  <td className="count">{formatCount(matched)}</td>
                  <td className="count">{formatCount(hidden)}</td>
                  <td className="actions">
                    <button type="button" onClick={() => onEdit(rule)}>
                      Edit
                    </button>
                    {origin === 'user' && (
                      <button type="button" onClick={() => act(api.deleteKbRule(rule.id))} data-testid={`delete-${rule.id}`}>
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
