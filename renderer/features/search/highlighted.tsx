/**
 * Text with the current search's matches in <mark>: React text nodes only, never HTML. Matches
 * are found in the exact text, then each run is shown with its hidden characters as markers
 * (VisibleText), so a marker never splits or shifts a match.
 */
import { useMemo } from 'react';
import { VisibleText } from '../text/visible-text';
import { highlightSegments, type HighlightLimits } from './highlight';
import './search.css';

export interface HighlightedProps extends HighlightLimits {
  text: string;
  patterns: readonly RegExp[];
}

export function Highlighted({ text, patterns, maxChars, maxMarks }: HighlightedProps) {
  const segments = useMemo(() => highlightSegments(text, patterns, { maxChars, maxMarks }), [text, patterns, maxChars, maxMarks]);
  if (segments.length <= 1 && !segments[0]?.marked) return <VisibleText text={text} />;
  return (
    <>
      {segments.map((segment, index) =>
        segment.marked ? (
          <mark key={index} className="search-hit">
            <VisibleText text={segment.text} />
          </mark>
        ) : (
          <VisibleText key={index} text={segment.text} />
        ),
      )}
    </>
  );
}
