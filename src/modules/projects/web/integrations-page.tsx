import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../web/components/page-header.js';
import './integrations-i18n.js';
import { BackToProjects } from './back-to-projects.js';
import { PlaneCard } from './plane-card.js';
import { SyncClientsCard } from './sync-clients-card.js';
import { WebhooksCard } from './webhooks-card.js';

/** Projekte → Integrationen: webhooks, sync tokens and the Plane connection of the office. */
export function IntegrationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <BackToProjects />
      <PageHeader
        title={t('projects:integrations.title')}
        description={t('projects:integrations.description')}
      />
      <div className="space-y-6">
        <WebhooksCard />
        <div className="grid gap-6 lg:grid-cols-2">
          <SyncClientsCard />
          <PlaneCard />
        </div>
        <p className="text-xs text-slate-500">{t('projects:integrations.docs')}</p>
      </div>
    </>
  );
}
