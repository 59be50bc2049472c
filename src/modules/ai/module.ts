import { defineModule } from '../../platform/modules/module-manifest.js';

const everyone = ['owner', 'admin', 'agent', 'assistant', 'readonly'] as const;

/** AI Studio: texts, images and videos over the providers an office configures, with costs and budgets. */
export const aiModule = defineModule({
  id: 'ai',
  apiPrefix: 'ai',
  title: { de: 'KI-Studio', en: 'AI Studio' },
  description: {
    de: 'Exposé-Texte, Social-Posts, E-Mails, Grafiken und Objekt-Reels mit KI oder offline erzeugen – mit Kosten, Budgets und Verlauf.',
    en: 'Generate listing texts, social posts, emails, graphics and property reels with AI or offline – with costs, budgets and history.',
  },
  dependsOn: ['admin', 'crm'],
  core: false,
  defaultEnabled: true,
  permissions: [
    { id: 'ai.history.read', label: { de: 'KI-Verlauf ansehen', en: 'View AI history' }, roles: everyone },
    {
      id: 'ai.generate',
      label: { de: 'Mit KI erzeugen', en: 'Generate with AI' },
      roles: ['owner', 'admin', 'agent', 'assistant'],
    },
    {
      id: 'ai.settings.manage',
      label: {
        de: 'KI-Anbieter, Schlüssel und Budgets verwalten',
        en: 'Manage AI providers, keys and budgets',
      },
      roles: ['owner', 'admin'],
    },
    {
      id: 'ai.usage.read',
      label: { de: 'KI-Kosten und Nutzung ansehen', en: 'View AI costs and usage' },
      roles: ['owner', 'admin'],
    },
  ],
  nav: [
    {
      path: '/ki',
      label: { de: 'KI-Studio', en: 'AI Studio' },
      icon: 'sparkles',
      permission: 'ai.history.read',
      order: 250,
    },
  ],
  server: () => import('./server/ai.server.js').then((m) => m.aiServer),
});
