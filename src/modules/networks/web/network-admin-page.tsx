import { useQuery } from '@tanstack/react-query';
import { Network } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { api } from '../../../web/api/client.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import { SubNav } from '../../../web/components/sub-nav.js';

interface Administered {
  networks: { id: string; name: string; slug: string }[];
}

const useAdministered = () =>
  useQuery({
    queryKey: ['networks', 'administered'],
    queryFn: () => api<Administered>('/networks/administered'),
  });

/** `/netzwerk`: straight to the first network the user administers. */
export function NetworkAdminIndex() {
  const { t } = useTranslation();
  const administered = useAdministered();
  return (
    <QueryState query={administered}>
      {(data) =>
        data.networks[0] ? (
          <Navigate to={`/netzwerk/${data.networks[0].id}`} replace />
        ) : (
          <EmptyState icon={Network} title={t('networks:admin.title')} text={t('networks:admin.none')} />
        )
      }
    </QueryState>
  );
}

/** Header, network picker (for someone who runs several) and the tabs of one network. */
export function NetworkAdminLayout({ children }: { children: (networkId: string) => ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { networkId = '' } = useParams();
  const administered = useAdministered();
  const base = `/netzwerk/${networkId}`;
  return (
    <div>
      <PageHeader
        title={t('networks:admin.title')}
        description={t('networks:admin.intro')}
        actions={
          (administered.data?.networks.length ?? 0) > 1 ? (
            <SelectField
              label={t('networks:admin.choose')}
              value={networkId}
              onChange={(e) => navigate(`/netzwerk/${e.target.value}`)}
              options={(administered.data?.networks ?? []).map((n) => ({ value: n.id, label: n.name }))}
            />
          ) : null
        }
      />
      <SubNav
        label={t('networks:admin.title')}
        tabs={[
          { to: base, label: t('networks:admin.tabs.report'), end: true },
          { to: `${base}/pool`, label: t('networks:admin.tabs.pool') },
          { to: `${base}/verteilung`, label: t('networks:admin.tabs.routing') },
          { to: `${base}/mitglieder`, label: t('networks:admin.tabs.members') },
        ]}
      />
      {children(networkId)}
    </div>
  );
}
