import { useTranslation } from 'react-i18next';
import { SubNav } from '../../../web/components/sub-nav.js';

const TABS = [
  { to: '/finanzierung', key: 'annuity', end: true },
  { to: '/finanzierung/vergleich', key: 'compare', end: false },
  { to: '/finanzierung/nebenkosten', key: 'costs', end: false },
  { to: '/finanzierung/haushalt', key: 'affordability', end: false },
  { to: '/finanzierung/rendite', key: 'investment', end: false },
  { to: '/finanzierung/gespeichert', key: 'saved', end: false },
] as const;

export function FinanceTabs() {
  const { t } = useTranslation();
  return (
    <SubNav
      label={t('finance:title')}
      tabs={TABS.map((tab) => ({ ...tab, label: t(`finance:tabs.${tab.key}`) }))}
    />
  );
}
