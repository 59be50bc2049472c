import { i18n } from '../../../web/i18n/index.js';

/** Texts of the billing pages. */
const de = {
  invoices: {
    title: 'Rechnungen',
    empty: 'Noch keine Rechnungen',
    by: {
      platform: 'Nach jeder Zahlung erscheint hier die Rechnung als PDF (ZUGFeRD) und als XRechnung.',
      stripe: 'Rechnungen zu Ihrem Abo erhalten Sie von Stripe per E-Mail.',
      none: 'Ihr Tarif wird nicht online bezahlt; Rechnungen stellt der Betreiber direkt.',
    },
  },
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
  grace:
    'Eine Zahlung ist fehlgeschlagen. Bitte die Zahlungsdaten bis {{date}} aktualisieren („Abo verwalten“); danach ist das Büro nur noch lesbar.',
  readOnly:
    'Das Büro ist nur lesbar, weil eine Zahlung offen ist. Nach Aktualisierung der Zahlungsdaten („Abo verwalten“) geht es sofort weiter.',
  choose: '{{plan}} buchen',
  manage: 'Abo verwalten',
  paid: 'Zahlung abgeschlossen. Der neue Tarif gilt, sobald Stripe die Zahlung bestätigt – meist nach wenigen Sekunden.',
  cancelled: 'Die Zahlung wurde abgebrochen; Ihr Tarif bleibt unverändert.',
};

const en: typeof de = {
  invoices: {
    title: 'Invoices',
    empty: 'No invoices yet',
    by: {
      platform: 'After each payment the invoice appears here as PDF (ZUGFeRD) and XRechnung.',
      stripe: 'Stripe e-mails the invoices for your subscription.',
      none: 'Your plan is not paid online; the operator invoices you directly.',
    },
  },
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
  grace:
    'A payment failed. Please update the payment method by {{date}} (“Manage subscription”); after that the office is read-only.',
  readOnly:
    'The office is read-only because a payment is due. Once the payment method is updated (“Manage subscription”) it works again at once.',
  choose: 'Choose {{plan}}',
  manage: 'Manage subscription',
  paid: 'Payment complete. The new plan applies as soon as Stripe confirms the payment – usually within seconds.',
  cancelled: 'The payment was cancelled; your plan stays as it is.',
};

i18n.addResourceBundle('de', 'billing', de, true, true);
i18n.addResourceBundle('en', 'billing', en, true, true);
