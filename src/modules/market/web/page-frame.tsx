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
      <PageHeader title={t('market:title')} />
      <SubNav
        label={t('market:title')}
        tabs={[
          { to: '/marktanalyse', label: t('market:tabs.valuation'), end: true },
          { to: '/marktanalyse/preise', label: t('market:tabs.trends') },
          { to: '/marktanalyse/nachfrage', label: t('market:tabs.demand') },
          { to: '/marktanalyse/wettbewerb', label: t('market:tabs.competitors') },
          { to: '/marktanalyse/daten', label: t('market:tabs.data') },
        ]}
      />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('market:intro')}</p>
      {children}
    </div>
  );
}
