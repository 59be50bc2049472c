import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col items-center py-24 text-center">
      <p className="text-sm font-semibold text-brand">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900">{t('notFound.title')}</h1>
      <p className="mt-3 text-slate-500">{t('notFound.text')}</p>
      <Link
        to="/"
        className="mt-8 rounded-lg bg-brand px-4 py-2 text-sm font-semibold text-white hover:brightness-110"
      >
        {t('notFound.home')}
      </Link>
    </div>
  );
}
