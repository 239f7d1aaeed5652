/**
 * Creates or edits a user rule: a form for the usual shape (one provider / event ID / pattern),
 * and the rule as JSON for anything else. The engine validates it; its message names the field.
 */
import { useState } from 'react';
import type { LogsiftApi } from '../../../shared/api';
import { VERDICT_LABELS, VERDICTS, type KbRuleInput, type RuleMatch, type Verdict } from '../../../shared/kb/rule-schema';

export interface RuleEditorProps {
  api: LogsiftApi;
  /** The rule to edit, or a draft (from an entry) to create. */
  initial: KbRuleInput;
  onSaved(): void;
  onCancel(): void;
}

interface Form {
  title: string;
  providers: string;
  eventIds: string;
  message: string;
  dataField: string;
  dataPattern: string;
  verdict: Verdict;
  hide: boolean;
  explanation: string;
  referenceLabel: string;
  referenceUrl: string;
}

function firstMatch(rule: KbRuleInput): RuleMatch {
  return (Array.isArray(rule.match) ? rule.match[0] : rule.match) ?? ({} as RuleMatch);
}

function listText(value: string | number | readonly (string | number)[] | undefined): string {
  return value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);
}

function toForm(rule: KbRuleInput): Form {
  const match = firstMatch(rule);
  const reference = rule.references?.[0];
  return {
    title: rule.title,
    providers: listText(match.providers),
    eventIds: listText(match.eventIds),
    message: match.message ?? '',
    dataField: match.data?.[0]?.field ?? '',
    dataPattern: match.data?.[0]?.pattern ?? '',
    verdict: rule.verdict,
    hide: rule.hide ?? false,
    explanation: rule.explanation,
    referenceLabel: reference?.label ?? '',
    referenceUrl: reference?.url ?? '',
  };
}

function split(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** The form's rule; numbers that are not numbers are passed on as text for the schema to name. */
function fromForm(base: KbRuleInput, form: Form): KbRuleInput {
  const match: Record<string, unknown> = {};
  if (split(form.providers).length > 0) match.providers = split(form.providers);
  if (split(form.eventIds).length > 0) match.eventIds = split(form.eventIds).map((id) => (/^\d+$/.test(id) ? Number(id) : id));
  if (form.message.trim()) match.message = form.message.trim();
  if (form.dataPattern.trim()) match.data = [{ ...(form.dataField.trim() ? { field: form.dataField.trim() } : {}), pattern: form.dataPattern.trim() }];
  const references = form.referenceLabel.trim()
    ? [{ label: form.referenceLabel.trim(), ...(form.referenceUrl.trim() ? { url: form.referenceUrl.trim() } : {}) }]
    : [];
  return {
    ...base,
    title: form.title,
    match: match as RuleMatch,
    verdict: form.verdict,
    hide: form.hide,
    explanation: form.explanation,
    references: [...references, ...(base.references ?? []).slice(1)],
  };
}

export function RuleEditor({ api, initial, onSaved, onCancel }: RuleEditorProps) {
  const simple = !Array.isArray(initial.match) && (firstMatch(initial).data?.length ?? 0) <= 1;
  const [mode, setMode] = useState<'form' | 'json'>(simple ? 'form' : 'json');
  const [form, setForm] = useState<Form>(() => toForm(initial));
  const [json, setJson] = useState(() => JSON.stringify(initial, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((current) => ({ ...current, [key]: value }));

  const switchMode = (next: 'form' | 'json') => {
    setProblem(null);
    if (next === 'json') setJson(JSON.stringify(fromForm(initial, form), null, 2));
    else {
      try {
        setForm(toForm(JSON.parse(json) as KbRuleInput));
      } catch {
        setProblem('The JSON does not parse; fix it before switching back to the form.');
        return;
      }
    }
    setMode(next);
  };

  const save = async () => {
    setProblem(null);
    let rule: unknown;
    try {
      rule = mode === 'form' ? fromForm(initial, form) : JSON.parse(json);
    } catch (error) {
      setProblem(`The JSON does not parse: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    setSaving(true);
    try {
      await api.saveKbRule(rule);
      onSaved();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="dialog-backdrop">
      <div className="dialog rule-editor" role="dialog" aria-modal="true" aria-label="KB rule" data-testid="rule-editor">
        <header>
          <h2>Rule {initial.id}</h2>
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={mode === 'form'} onClick={() => switchMode('form')}>
              Form
            </button>
            <button type="button" role="tab" aria-selected={mode === 'json'} onClick={() => switchMode('json')}>
              JSON
            </button>
          </div>
        </header>
        {mode === 'form' ? (
          <div className="form-grid">
            <label>
              Title
              <input value={form.title} onChange={(event) => set('title', event.target.value)} data-testid="rule-title" />
            </label>
            <label>
              Sources (providers), comma-separated
              <input value={form.providers} onChange={(event) => set('providers', event.target.value)} data-testid="rule-providers" />
            </label>
            <label>
              Event IDs, comma-separated
              <input value={form.eventIds} onChange={(event) => set('eventIds', event.target.value)} data-testid="rule-event-ids" />
            </label>
            <label>
              Message pattern (regular expression; whitespace is collapsed before matching)
              <input value={form.message} onChange={(event) => set('message', event.target.value)} data-testid="rule-message" />
            </label>
            <div className="form-row">
              <label>
                Insertion string / field (%1, %2… or a name)
                <input value={form.dataField} onChange={(event) => set('dataField', event.target.value)} />
              </label>
              <label>
                must match
                <input value={form.dataPattern} onChange={(event) => set('dataPattern', event.target.value)} />
              </label>
            </div>
            <div className="form-row">
              <label>
                Verdict
                <select value={form.verdict} onChange={(event) => set('verdict', event.target.value as Verdict)} data-testid="rule-verdict">
                  {VERDICTS.map((verdict) => (
                    <option key={verdict} value={verdict}>
                      {VERDICT_LABELS[verdict]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="checkbox">
                <input type="checkbox" checked={form.hide} onChange={(event) => set('hide', event.target.checked)} data-testid="rule-hide" /> Hide
                matching entries (they stay counted)
              </label>
            </div>
            <label>
              Explanation
              <textarea rows={3} value={form.explanation} onChange={(event) => set('explanation', event.target.value)} data-testid="rule-explanation" />
            </label>
            <div className="form-row">
              <label>
                Reference
                <input value={form.referenceLabel} placeholder="Microsoft KB Q169143" onChange={(event) => set('referenceLabel', event.target.value)} />
              </label>
              <label>
                URL
                <input value={form.referenceUrl} placeholder="https://…" onChange={(event) => set('referenceUrl', event.target.value)} />
              </label>
            </div>
          </div>
        ) : (
          <textarea className="rule-json" rows={20} spellCheck={false} value={json} onChange={(event) => setJson(event.target.value)} data-testid="rule-json" />
        )}
        {problem && (
          <p className="form-problem" role="alert" data-testid="rule-problem">
            {problem}
          </p>
        )}
        <footer>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => void save()} disabled={saving} data-testid="rule-save">
            {saving ? 'Saving…' : 'Save rule'}
          </button>
        </footer>
      </div>
    </div>
  );
}
