import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';

/** The server's reasons in plain words: the first message per field, without technical paths. */
export function CalculationError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const issues =
    error instanceof ApiError && error.code === 'validation_failed'
      ? ((error.details as { issues?: { message: string }[] } | undefined)?.issues ?? []).map(
          (i) => i.message,
        )
      : [errorMessage(error, t)];
  return (
    <div role="alert" className="mb-4 rounded-lg bg-red-50 p-3 text-sm text-red-800">
      {[...new Set(issues)].map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}
