import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../platform/format/format-de.js';
import { Button } from './button.js';

/** What `LoadMore` needs of a list read page by page (`useListPages`). */
interface PagedList {
  data: { items: unknown[]; total: number; totalExact: boolean } | undefined;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** Under a list read by cursor: how much of it is shown, and the button that reads the next page. */
export function LoadMore({ list }: { list: PagedList }) {
  const { t, i18n } = useTranslation();
  const data = list.data;
  if (!data || (!list.hasNextPage && data.items.length >= data.total)) return null;
  // Above the server's cap the total is an estimate: say "mehr als 1.000", as the pager does.
  const numbers = {
    shown: formatNumber(data.items.length, i18n.language),
    total: formatNumber(data.totalExact ? data.total : 1000, i18n.language),
  };
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm text-slate-600">
      <span>{data.totalExact ? t('common.shownOf', numbers) : t('common.shownOfMore', numbers)}</span>
      {list.hasNextPage && (
        <Button
          variant="secondary"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
        >
          {list.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
        </Button>
      )}
    </div>
  );
}
