import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The way back from the pages under "Projekte" (automation, integrations, templates). */
export function BackToProjects() {
  const { t } = useTranslation();
  return (
    <Link
      to="/projekte"
      className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800"
    >
      <ArrowLeft className="size-4" aria-hidden="true" />
      {t('projects:title')}
    </Link>
  );
}
