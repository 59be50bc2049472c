import { useTranslation } from 'react-i18next';
import { Card } from '../../../web/components/card.js';
import { HotLeads } from './hot-leads.js';
import { PageFrame } from './page-frame.js';

export function HotLeadsPage() {
  const { t } = useTranslation();
  return (
    <PageFrame>
      <Card title={t('leadscoring:hot.byScore')}>
        <HotLeads limit={25} order="score" />
      </Card>
    </PageFrame>
  );
}
