/** Text with the current search's matches in <mark>: React text nodes only, never HTML. */
import { useMemo } from 'react';
import { highlightSegments, type HighlightLimits } from './highlight';
import './search.css';

export interface HighlightedProps extends HighlightLimits {
  text: string;
  patterns: readonly RegExp[];
}

export function Highlighted({ text, patterns, maxChars, maxMarks }: HighlightedProps) {
  const segments = useMemo(() => highlightSegments(text, patterns, { maxChars, maxMarks }), [text, patterns, maxChars, maxMarks]);
  if (segments.length <= 1 && !segments[0]?.marked) return <>{text}</>;
  return (
    <>
      {segments.map((segment, index) =>
        segment.marked ? (
          <mark key={index} className="search-hit">
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
