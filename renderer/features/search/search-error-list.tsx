/** Parse problems under the search box, each with the offending term marked; they never block the search. */
import type { SearchError } from '../../../shared/search/search-syntax';
import { errorExcerpt } from './search-errors';

export interface SearchErrorListProps {
  id: string;
  input: string;
  errors: readonly SearchError[];
}

export function SearchErrorList({ id, input, errors }: SearchErrorListProps) {
  if (errors.length === 0) return null;
  return (
    <ul id={id} className="search-errors" role="status" data-testid="search-errors">
      {errors.map((error, index) => {
        const excerpt = errorExcerpt(input, error.at);
        return (
          <li key={`${error.at}-${index}`}>
            <span className="search-error-message">{error.message}</span>{' '}
            <code className="search-error-context">
              {excerpt.before}
              <mark className="search-error-term">{excerpt.term || '␣'}</mark>
              {excerpt.after}
            </code>
          </li>
        );
      })}
    </ul>
  );
}
