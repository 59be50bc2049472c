import { defineModule } from '../../platform/modules/module-manifest.js';

const everyone = ['owner', 'admin', 'agent', 'assistant', 'readonly'] as const;

/** Document folders per property and contact: upload, versions, categories, expiry. */
export const documentsModule = defineModule({
  id: 'documents',
  apiPrefix: 'documents',
  title: { de: 'Dokumente', en: 'Documents' },
  description: {
    de: 'Dokumente je Objekt und Kontakt: hochladen, kategorisieren, Versionen, Ablaufdaten.',
    en: 'Documents per property and contact: upload, categories, versions, expiry dates.',
  },
  dependsOn: ['admin', 'crm'],
  core: false,
  defaultEnabled: true,
  permissions: [
    { id: 'documents.read', label: { de: 'Dokumente ansehen', en: 'View documents' }, roles: everyone },
    {
      id: 'documents.write',
      label: { de: 'Dokumente hochladen und bearbeiten', en: 'Upload and edit documents' },
      roles: ['owner', 'admin', 'agent', 'assistant'],
    },
    {
      id: 'documents.share',
      label: {
        de: 'Datenräume freigeben und Unterschriften anfordern',
        en: 'Share data rooms and request signatures',
      },
      roles: ['owner', 'admin', 'agent'],
    },
    {
      id: 'documents.confidential',
      label: { de: 'Vertrauliche Dokumente sehen', en: 'See confidential documents' },
      roles: ['owner', 'admin', 'agent'],
    },
  ],
  nav: [
    {
      path: '/dokumente',
      label: { de: 'Dokumente', en: 'Documents' },
      icon: 'folder',
      permission: 'documents.read',
      order: 130,
    },
  ],
  server: () => import('./server/documents.server.js').then((m) => m.documentsServer),
});
