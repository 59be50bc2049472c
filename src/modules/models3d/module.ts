import { defineModule } from '../../platform/modules/module-manifest.js';

const everyone = ['owner', 'admin', 'agent', 'assistant', 'readonly'] as const;

/** 3D architecture: building models from templates, descriptions or plans; GLB and OBJ. */
export const models3dModule = defineModule({
  id: 'models3d',
  apiPrefix: '3d',
  title: { de: '3D-Modelle', en: '3D models' },
  description: {
    de: 'Begehbare 3D-Modelle aus Vorlagen, Beschreibungen und Grundrissen – mit GLB- und OBJ-Export.',
    en: 'Walkable 3D models from templates, descriptions and floor plans – with GLB and OBJ export.',
  },
  dependsOn: ['admin', 'crm'],
  core: false,
  defaultEnabled: true,
  permissions: [
    { id: 'models3d.read', label: { de: '3D-Modelle ansehen', en: 'View 3D models' }, roles: everyone },
    {
      id: 'models3d.write',
      label: { de: '3D-Modelle erstellen und bearbeiten', en: 'Create and edit 3D models' },
      roles: ['owner', 'admin', 'agent', 'assistant'],
    },
  ],
  nav: [
    {
      path: '/3d',
      label: { de: '3D-Modelle', en: '3D models' },
      icon: 'box',
      permission: 'models3d.read',
      order: 140,
    },
  ],
  server: () => import('./server/models3d.server.js').then((m) => m.models3dServer),
});
