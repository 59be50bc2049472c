import './i18n.js';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../web/components/page-header.js';
import { SubNav } from '../../../web/components/sub-nav.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { LogTab } from './log-tab.js';
import { OfficesTab } from './offices-tab.js';
import { SystemTab } from './system-tab.js';
import { UsageTab } from './usage-tab.js';

function SuperadminLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader title={t('superadmin:title')} description={t('superadmin:intro')} />
      <SubNav
        label={t('superadmin:title')}
        tabs={[
          { to: '/superadmin', label: t('superadmin:tabs.offices'), end: true },
          { to: '/superadmin/system', label: t('superadmin:tabs.system') },
          { to: '/superadmin/nutzung', label: t('superadmin:tabs.usage') },
          { to: '/superadmin/protokoll', label: t('superadmin:tabs.log') },
        ]}
      />
      {children}
    </div>
  );
}

export const routes: ModuleRoute[] = [
  {
    path: 'superadmin',
    element: (
      <SuperadminLayout>
        <OfficesTab />
      </SuperadminLayout>
    ),
  },
  {
    path: 'superadmin/system',
    element: (
      <SuperadminLayout>
        <SystemTab />
      </SuperadminLayout>
    ),
  },
  {
    path: 'superadmin/nutzung',
    element: (
      <SuperadminLayout>
        <UsageTab />
      </SuperadminLayout>
    ),
  },
  {
    path: 'superadmin/protokoll',
    element: (
      <SuperadminLayout>
        <LogTab />
      </SuperadminLayout>
    ),
  },
];
