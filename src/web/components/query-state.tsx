import { AlertTriangle, Lock } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { errorMessage } from '../api/error-message.js';
import { Button } from './button.js';
import { Spinner } from './spinner.js';

/** Loading and error states for a query, so every page handles them the same way. */
export function QueryState<T>({
  query,
  children,
}: {
  /** A query's state: `useQuery`'s result, or a list read page by page (`useListPages`). */
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data: T | undefined;
    refetch: () => unknown;
  };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <div className="flex justify-center py-12">
        <Spinner label={t('common.loading')} />
      </div>
    );
  }
  if (query.isError) {
    // Trying again does not give a role more rights, so a 403 offers no retry.
    const forbidden = query.error instanceof ApiError && query.error.status === 403;
    if (forbidden)
      return (
        <div role="alert" className="flex flex-col items-center gap-3 py-12 text-center">
          <Lock className="size-6 text-slate-400" aria-hidden="true" />
          <p className="text-sm text-slate-700">{t('errors.forbidden')}</p>
          <p className="text-xs text-slate-500">{t('errors.askOwner')}</p>
        </div>
      );
    return (
      <div role="alert" className="flex flex-col items-center gap-3 py-12 text-center">
        <AlertTriangle className="size-6 text-amber-500" aria-hidden="true" />
        <p className="text-sm text-slate-700">{errorMessage(query.error, t)}</p>
        <Button variant="secondary" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </Button>
      </div>
    );
  }
  // Neither pending nor failed: the query has its data.
  return <>{children(query.data as T)}</>;
}
