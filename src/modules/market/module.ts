import { defineModule } from '../../platform/modules/module-manifest.js';

/** What a property is worth and how the Bodensee market moves: comparables, ImmoWertV valuation, trends. */
export const marketModule = defineModule({
  id: 'market',
  title: { de: 'Marktanalyse', en: 'Market analysis' },
  description: {
    de: 'Vergleichsobjekte mit Anpassungen, Wertermittlung nach ImmoWertV (Vergleichs-, Ertrags-, Sachwert) Schritt für Schritt, statistische Preisschätzung mit Intervall und Preisentwicklung – aus eigenen Objekten und importierten Daten mit Quelle und Lizenz.',
    en: 'Comparables with adjustments, ImmoWertV valuation (comparison, income, cost approach) step by step, a statistical price estimate with its interval and price trends — from own listings and imported data with source and licence.',
  },
  dependsOn: ['admin', 'crm'],
  core: false,
  defaultEnabled: true,
  permissions: [
    {
      id: 'market.read',
      label: {
        de: 'Marktdaten, Vergleichsobjekte und Bewertungen ansehen',
        en: 'View market data, comparables and valuations',
      },
      roles: ['owner', 'admin', 'agent', 'assistant', 'readonly'],
    },
    {
      id: 'market.write',
      label: {
        de: 'Marktdaten importieren und Analysen speichern',
        en: 'Import market data and save analyses',
      },
      roles: ['owner', 'admin', 'agent'],
    },
  ],
  nav: [
    {
      path: '/marktanalyse',
      label: { de: 'Marktanalyse', en: 'Market analysis' },
      icon: 'chart-line',
      permission: 'market.read',
      order: 116,
    },
  ],
  server: () => import('./server/market.server.js').then((m) => m.marketServer),
});
