import { useTranslation } from 'react-i18next';
import { Button } from './button.js';

export function Pagination({
  list,
  onPage,
}: {
  /** The list response: its page, page size and total; `totalExact` false when the server
   * counted only up to its cap: "mehr als 1.000 Einträge", pages "von ca. …". */
  list: { page: number; pageSize: number; total: number; totalExact: boolean };
  onPage: (page: number) => void;
}) {
  const { page, pageSize, total, totalExact: exact } = list;
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav
      className="flex items-center justify-between border-t border-slate-100 px-1 pt-4 text-sm text-slate-600"
      aria-label="Pagination"
    >
      <span>
        {exact
          ? t('common.total', { count: total })
          : t('common.totalMoreThan', { count: new Intl.NumberFormat('de-DE').format(1000) })}
      </span>
      <div className="flex items-center gap-3">
        <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t('common.previous')}
        </Button>
        <span>{exact ? t('common.pageOf', { page, pages }) : t('common.pageOfAbout', { page, pages })}</span>
        <Button variant="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t('common.next')}
        </Button>
      </div>
    </nav>
  );
}
