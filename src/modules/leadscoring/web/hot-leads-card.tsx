import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '../../../web/components/card.js';
import { HotLeads } from './hot-leads.js';
import './i18n.js';

/** The dashboard's "Heiße Leads heute". */
export default function HotLeadsCard() {
  const { t } = useTranslation();
  return (
    <Card
      title={t('leadscoring:hot.title')}
      actions={
        <Link to="/lead-scoring" className="text-sm font-semibold text-brand hover:underline">
          {t('leadscoring:title')}
        </Link>
      }
    >
      <p className="mb-2 text-xs text-slate-500">{t('leadscoring:hot.todayHint')}</p>
      <HotLeads limit={5} order="heute" />
    </Card>
  );
}
