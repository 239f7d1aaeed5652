/** The detail view's knowledge-base section: the matching rule, why, and where that is written. */
import { VERDICT_LABELS } from '../../../shared/kb/rule-schema';
import { kbReason, type EventKb, type KbRuleInfo } from '../../../shared/model/kb';
import { VisibleText } from '../text/visible-text';

export function KbSection({ kb, info }: { kb: EventKb; info: KbRuleInfo | undefined }) {
  if (!info) return <p className="muted">Matched KB rule {kb.rule} (no longer in force).</p>;
  const { rule } = info;
  return (
    <section className={`kb-section verdict-${rule.verdict}`} data-testid="kb-section">
      <h3>
        Knowledge base: {VERDICT_LABELS[rule.verdict]}
        {kb.hidden ? ' · hidden' : ''}
      </h3>
      {/* A rule drafted from an entry carries its provider and message in title and explanation. */}
      <p className="kb-title">
        <VisibleText text={kbReason(rule, kb.flag)} />
      </p>
      <p>
        <VisibleText text={rule.explanation} />
      </p>
      {rule.products.length > 0 && <p className="muted">Applies to: {rule.products.join(', ')}</p>}
      {rule.references.length > 0 && (
        <ul className="kb-references">
          {rule.references.map((reference) => (
            // Shown as text to copy, never opened from here.
            <li key={reference.label + (reference.url ?? '')}>
              {reference.label}
              {reference.url && <span className="kb-url"> {reference.url}</span>}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        Rule {rule.id} ({info.origin === 'user' ? 'your rule' : 'built-in'})
      </p>
    </section>
  );
}
