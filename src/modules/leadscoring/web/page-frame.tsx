import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../web/components/page-header.js';
import { SubNav } from '../../../web/components/sub-nav.js';
import './i18n.js';

/** Title, tabs and intro shared by the module's pages. */
export function PageFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader title={t('leadscoring:title')} />
      <SubNav
        label={t('leadscoring:title')}
        tabs={[
          { to: '/lead-scoring', label: t('leadscoring:tabs.hot'), end: true },
          { to: '/lead-scoring/segmente', label: t('leadscoring:tabs.segments') },
          { to: '/lead-scoring/gewichtung', label: t('leadscoring:tabs.weights') },
          { to: '/lead-scoring/modell', label: t('leadscoring:tabs.model') },
        ]}
      />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('leadscoring:intro')}</p>
      {children}
    </div>
  );
}
