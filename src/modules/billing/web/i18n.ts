import { i18n } from '../../../web/i18n/index.js';

/** Texts of the billing pages. */
const de = {
  title: 'Abrechnung',
  intro: 'Ihr Tarif, seine Grenzen und was davon genutzt ist.',
  current: 'Ihr Tarif',
  noPlan: 'Eigenbetrieb – ohne Tarifgrenzen',
  noPlanHint:
    'Dieses Büro läuft ohne Tarif, wie auf einem eigenen Server üblich: Benutzer und Objekte sind nicht begrenzt.',
  perMonth: '{{price}} netto im Monat',
  free: 'kostenlos',
  status: {
    trialing: 'Testphase',
    active: 'aktiv',
    past_due: 'Zahlung offen',
    read_only: 'nur Lesen',
    canceled: 'gekündigt',
  },
  trialEnds: 'Testphase bis {{date}}',
  periodEnds: 'Laufzeit bis {{date}}',
  usage: 'Nutzung',
  users: 'Benutzer',
  usersHint: '{{members}} im Team, {{open}} offene Einladungen',
  properties: 'Objekte (ohne archivierte)',
  of: '{{used}} von {{limit}}',
  unlimited: '{{used}} · unbegrenzt',
  full: 'Grenze erreicht',
  over: 'Grenze überschritten – Neues wird abgelehnt',
  plans: 'Tarife',
  limitUsers: '{{n}} Benutzer',
  limitProperties: '{{n}} Objekte',
  unlimitedUsers: 'Benutzer unbegrenzt',
  unlimitedProperties: 'Objekte unbegrenzt',
  yours: 'Ihr Tarif',
  change: 'Tarif ändern',
};

const en: typeof de = {
  title: 'Billing',
  intro: 'Your plan, its limits and what is used of them.',
  current: 'Your plan',
  noPlan: 'Self-hosted – no plan limits',
  noPlanHint:
    'This office runs without a plan, as usual on its own server: users and listings are not limited.',
  perMonth: '{{price}} net per month',
  free: 'free of charge',
  status: {
    trialing: 'trial',
    active: 'active',
    past_due: 'payment due',
    read_only: 'read only',
    canceled: 'cancelled',
  },
  trialEnds: 'Trial until {{date}}',
  periodEnds: 'Period until {{date}}',
  usage: 'Usage',
  users: 'Users',
  usersHint: '{{members}} in the team, {{open}} open invitations',
  properties: 'Listings (not archived)',
  of: '{{used}} of {{limit}}',
  unlimited: '{{used}} · unlimited',
  full: 'Limit reached',
  over: 'Over the limit – new ones are refused',
  plans: 'Plans',
  limitUsers: '{{n}} users',
  limitProperties: '{{n}} listings',
  unlimitedUsers: 'Unlimited users',
  unlimitedProperties: 'Unlimited listings',
  yours: 'Your plan',
  change: 'Changing the plan',
};

i18n.addResourceBundle('de', 'billing', de, true, true);
i18n.addResourceBundle('en', 'billing', en, true, true);
