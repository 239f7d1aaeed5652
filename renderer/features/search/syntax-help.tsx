/** The "?" popover beside the search box: every field the syntax knows and a few worked examples. */
import { useCallback, useId, useRef, useState } from 'react';
import type { SearchField } from '../../../shared/search/search-syntax';
import { useDismiss } from '../../use-dismiss';

/** Typed as a record over SearchField so a field added to the syntax fails the build until it is explained here. */
const FIELD_HELP: Readonly<Record<SearchField, { meaning: string; example: string }>> = {
  provider: { meaning: 'Event source (provider)', example: 'provider:MSExchangeMTA' },
  id: { meaning: 'Event ID; compare with = > >= < <=', example: 'id:9221' },
  level: { meaning: 'Severity; >= means "this bad or worse"', example: 'level>=warning' },
  computer: { meaning: 'Computer name', example: 'computer:EXCH01' },
  channel: { meaning: 'Log channel', example: 'channel:Application' },
  user: { meaning: 'User or SID', example: 'user:SYSTEM' },
  category: { meaning: 'Task category', example: 'category:"Logon"' },
  source: { meaning: 'Opened file (name)', example: 'source:app.evtx' },
  kb: { meaning: 'Knowledge-base rule id', example: 'kb:exchange-9221' },
  message: { meaning: 'Message text only', example: 'message:timeout' },
  record: { meaning: 'Event record ID', example: 'record>=1000' },
};

const EXAMPLES: readonly { search: string; meaning: string }[] = [
  { search: 'connection reset', meaning: 'both words, anywhere' },
  { search: '"connection reset"', meaning: 'the exact phrase' },
  { search: '/1005[34]/', meaning: 'a regular expression (add i for any case: /x/i)' },
  { search: '-computer:EXCH01', meaning: 'a leading minus leaves matches out' },
  { search: 'provider:MSExchangeMTA id:9221 level>=warning', meaning: 'every term must hold' },
];

export interface SyntaxHelpProps {
  /** Puts an example into the search box. */
  onExample(search: string): void;
}

export function SyntaxHelp({ onExample }: SyntaxHelpProps) {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(anchor, open, close);
  const popoverId = useId();
  const pick = (search: string) => {
    onExample(search);
    close();
  };

  return (
    <div ref={anchor} className="menu-anchor">
      <button
        type="button"
        className="search-help-button"
        aria-label="Search syntax help"
        title="Search syntax"
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        onClick={() => setOpen(!open)}
        data-testid="search-help-button"
      >
        ?
      </button>
      {open && (
        <div id={popoverId} className="popover search-help" role="dialog" aria-label="Search syntax" data-testid="search-help">
          <p>
            Words and &quot;phrases&quot; match any text of an entry, in any case. Enter stacks the search as a filter chip; Alt+Enter
            stacks it as an exclude chip.
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Meaning</th>
                <th scope="col">Example</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(FIELD_HELP).map(([field, help]) => (
                <tr key={field}>
                  <th scope="row">
                    <code>{field}</code>
                  </th>
                  <td>{help.meaning}</td>
                  <td>
                    <ExampleButton search={help.example} onPick={pick} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>Examples</h4>
          <ul>
            {EXAMPLES.map((example) => (
              <li key={example.search}>
                <ExampleButton search={example.search} onPick={pick} /> {example.meaning}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function ExampleButton({ search, onPick }: { search: string; onPick(search: string): void }) {
  return (
    <button type="button" className="search-example" title="Use this search" onClick={() => onPick(search)}>
      <code>{search}</code>
    </button>
  );
}
