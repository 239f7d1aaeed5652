/**
 * The search box: one input for the field syntax, applied as the user types; Enter stacks the
 * text as a filter chip (Alt+Enter as an exclude chip); the history drops down on ArrowDown or on
 * focus; parse problems show underneath without blocking the search.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { FilterChip } from '../../../shared/model/query';
import { parseSearch } from '../../../shared/search/search-syntax';
import { addChip, removeChip, toggleChip } from './chips';
import { matchHistory } from './search-history';
import { SearchChips } from './search-chips';
import { SearchErrorList } from './search-error-list';
import { SyntaxHelp } from './syntax-help';
import { useSearchHistory } from './use-search-history';
import './search.css';

/** Long enough to skip the keystrokes of a word, short enough to feel live. */
export const SEARCH_DEBOUNCE_MS = 200;

export const SEARCH_PLACEHOLDER = 'provider:MSExchangeMTA id:9221 level>=warning -computer:EXCH01 "connection reset"';

export interface SearchBoxProps {
  /** The applied search (EventQuery.text); a change from outside (a restored session) replaces what is typed. */
  text: string;
  chips: readonly FilterChip[];
  /** The typed search, debounced. */
  onText(text: string): void;
  onChips(chips: FilterChip[]): void;
  /** For the keyboard shortcuts (Ctrl+F, /): see focusSearchInput. */
  inputRef?: RefObject<HTMLInputElement | null>;
}

/** Puts the caret in the search box with its text selected, ready to be typed over. */
export function focusSearchInput(input: HTMLInputElement | null | undefined): void {
  input?.focus();
  input?.select();
}

export function SearchBox({ text, chips, onText, onChips, inputRef }: SearchBoxProps) {
  const ownRef = useRef<HTMLInputElement>(null);
  const input = inputRef ?? ownRef;
  const [draft, setDraft] = useState(text);
  // What was last handed to onText: the errors shown are this search's, so they do not flicker per keystroke.
  const [settled, setSettled] = useState(text);
  const sent = useRef(text);
  const latestOnText = useRef(onText);
  latestOnText.current = onText;
  const history = useSearchHistory();
  const [historyOpen, setHistoryOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const ids = { list: useId(), errors: useId(), hint: useId() };

  const apply = (value: string) => {
    sent.current = value;
    setSettled(value);
    latestOnText.current(value);
  };

  useEffect(() => {
    if (text === sent.current) return;
    sent.current = text;
    setDraft(text);
    setSettled(text);
  }, [text]);

  useEffect(() => {
    if (draft === sent.current) return;
    const timer = setTimeout(() => apply(draft), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  const errors = useMemo(() => parseSearch(settled).errors, [settled]);
  const matches = useMemo(() => matchHistory(history.entries, draft), [history.entries, draft]);
  const dropdownShown = historyOpen && matches.length > 0;
  const activeEntry = dropdownShown && active >= 0 ? matches[active] : undefined;

  const closeHistory = () => {
    setHistoryOpen(false);
    setActive(-1);
  };

  const choose = (search: string) => {
    setDraft(search);
    apply(search);
    // Focus first: focusing an empty box opens the history, and the pick must leave it closed.
    input.current?.focus();
    closeHistory();
  };

  const commit = (exclude: boolean) => {
    const search = draft.trim();
    if (search === '') return;
    onChips(addChip(chips, search, exclude));
    history.record(search);
    setDraft('');
    apply('');
    closeHistory();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter and arrows that finish an input-method composition are not ours.
    if (event.nativeEvent.isComposing) return;
    switch (event.key) {
      case 'Enter':
        event.preventDefault();
        if (activeEntry !== undefined) choose(activeEntry);
        else commit(event.altKey);
        return;
      case 'ArrowDown':
        event.preventDefault();
        if (!historyOpen) setHistoryOpen(true);
        setActive((current) => Math.min(current + 1, matches.length - 1));
        return;
      case 'ArrowUp':
        if (!dropdownShown) return;
        event.preventDefault();
        setActive((current) => Math.max(current - 1, -1));
        return;
      case 'Escape':
        // Closing the history is all this Escape does: the app must not also close the detail pane.
        if (!dropdownShown) return;
        event.preventDefault();
        event.stopPropagation();
        closeHistory();
        return;
      case 'Delete':
        if (activeEntry === undefined) return;
        event.preventDefault();
        history.forget(activeEntry);
        setActive((current) => Math.min(current, matches.length - 2));
        return;
      case 'Backspace':
        if (draft !== '' || chips.length === 0 || event.currentTarget.selectionEnd !== 0) return;
        event.preventDefault();
        onChips(removeChip(chips, chips.length - 1));
        return;
      case 'Tab':
        closeHistory();
        return;
    }
  };

  return (
    <div className="search-box">
      <div className="search-field">
        <SearchChips
          chips={chips}
          onToggle={(index) => onChips(toggleChip(chips, index))}
          onRemove={(index) => onChips(removeChip(chips, index))}
        />
        <div className="search-input-wrap">
          <input
            ref={input}
            className="search-box-input"
            type="search"
            aria-label="Search"
            placeholder={SEARCH_PLACEHOLDER}
            spellCheck={false}
            autoComplete="off"
            data-testid="search-input"
            value={draft}
            aria-invalid={errors.length > 0}
            aria-autocomplete="list"
            aria-controls={dropdownShown ? ids.list : undefined}
            aria-activedescendant={activeEntry !== undefined ? `${ids.list}-${active}` : undefined}
            aria-describedby={`${ids.hint}${errors.length > 0 ? ` ${ids.errors}` : ''}`}
            onChange={(event) => {
              setDraft(event.target.value);
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
            onFocus={() => draft === '' && setHistoryOpen(true)}
            onBlur={() => {
              closeHistory();
              // A search the user typed and then left is one they settled on.
              if (draft.trim() !== '') history.record(draft);
            }}
          />
          <span id={ids.hint} hidden>
            Enter adds the search as a filter chip, Alt+Enter as an exclude chip. Arrow Down shows recent searches.
          </span>
          {dropdownShown && (
            <ul id={ids.list} className="menu search-history" role="listbox" aria-label="Recent searches" data-testid="search-history">
              {matches.map((entry, index) => (
                <li
                  key={entry}
                  id={`${ids.list}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  className={index === active ? 'active' : undefined}
                  // mousedown, not click: the input must keep focus (its blur closes this list).
                  onMouseDown={(event) => {
                    event.preventDefault();
                    choose(entry);
                  }}
                  title={entry}
                >
                  {entry}
                </li>
              ))}
            </ul>
          )}
        </div>
        <button
          type="button"
          className="search-chip-button"
          disabled={draft.trim() === ''}
          onClick={() => commit(false)}
          aria-label="Keep only entries matching this search (Enter)"
          title="Add as filter chip (Enter)"
          data-testid="search-add-include"
        >
          +
        </button>
        <button
          type="button"
          className="search-chip-button exclude"
          disabled={draft.trim() === ''}
          onClick={() => commit(true)}
          aria-label="Leave out entries matching this search (Alt+Enter)"
          title="Add as exclude chip (Alt+Enter)"
          data-testid="search-add-exclude"
        >
          −
        </button>
        <SyntaxHelp onExample={choose} />
      </div>
      <SearchErrorList id={ids.errors} input={settled} errors={errors} />
    </div>
  );
}
