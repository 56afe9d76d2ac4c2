/** An API failure shown where it happened, in the API's own Indonesian words, with a way to try again. */
import type { ApiError } from '../../shared/api/contract.ts';

export function ErrorNote({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <div className="error-note" role="alert">
      <span>{error.message}</span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Coba lagi
        </button>
      )}
    </div>
  );
}
