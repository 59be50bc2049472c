import './i18n.js';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../web/components/card.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { MembersTab } from './members-tab.js';
import { NetworkAdminIndex, NetworkAdminLayout } from './network-admin-page.js';
import { OfficeNetworkPage } from './office-network-page.js';
import { OperatorNetworksPage } from './operator-page.js';
import { PoolList } from './pool-list.js';
import { ReportTab } from './report-tab.js';
import { RoutingTab } from './routing-tab.js';

function AdminPoolTab({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  return (
    <Card title={t('networks:pool.title')}>
      <PoolList path={`/networks/${networkId}/pool`} />
    </Card>
  );
}

export const routes: ModuleRoute[] = [
  { path: 'netzwerk-pool', element: <OfficeNetworkPage /> },
  { path: 'superadmin/netzwerke', element: <OperatorNetworksPage /> },
  { path: 'netzwerk', element: <NetworkAdminIndex /> },
  {
    path: 'netzwerk/:networkId',
    element: <NetworkAdminLayout>{(id) => <ReportTab networkId={id} />}</NetworkAdminLayout>,
  },
  {
    path: 'netzwerk/:networkId/pool',
    element: <NetworkAdminLayout>{(id) => <AdminPoolTab networkId={id} />}</NetworkAdminLayout>,
  },
  {
    path: 'netzwerk/:networkId/verteilung',
    element: <NetworkAdminLayout>{(id) => <RoutingTab networkId={id} />}</NetworkAdminLayout>,
  },
  {
    path: 'netzwerk/:networkId/mitglieder',
    element: <NetworkAdminLayout>{(id) => <MembersTab networkId={id} />}</NetworkAdminLayout>,
  },
];
