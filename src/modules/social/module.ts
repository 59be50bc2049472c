import { defineModule } from '../../platform/modules/module-manifest.js';

const everyone = ['owner', 'admin', 'agent', 'assistant', 'readonly'] as const;

/** Social media hub: connected accounts, one post to many channels, scheduling, publishing. */
export const socialModule = defineModule({
  id: 'social',
  apiPrefix: 'social-media',
  title: { de: 'Social Media', en: 'Social media' },
  description: {
    de: 'Beiträge für Facebook, Instagram, LinkedIn und TikTok planen, freigeben und veröffentlichen.',
    en: 'Plan, approve and publish posts to Facebook, Instagram, LinkedIn and TikTok.',
  },
  dependsOn: ['admin', 'crm'],
  core: false,
  defaultEnabled: true,
  permissions: [
    { id: 'social.posts.read', label: { de: 'Beiträge ansehen', en: 'View posts' }, roles: everyone },
    {
      id: 'social.posts.write',
      label: { de: 'Beiträge entwerfen', en: 'Draft posts' },
      roles: ['owner', 'admin', 'agent', 'assistant'],
    },
    {
      id: 'social.posts.publish',
      label: { de: 'Beiträge freigeben und veröffentlichen', en: 'Approve and publish posts' },
      roles: ['owner', 'admin', 'agent'],
    },
    {
      id: 'social.accounts.manage',
      label: { de: 'Social-Media-Konten verbinden', en: 'Connect social accounts' },
      roles: ['owner', 'admin'],
    },
  ],
  nav: [
    {
      path: '/social',
      label: { de: 'Social Media', en: 'Social media' },
      icon: 'megaphone',
      permission: 'social.posts.read',
      order: 200,
    },
  ],
  server: () => import('./server/social.server.js').then((m) => m.socialServer),
});
