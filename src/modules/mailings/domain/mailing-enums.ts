/** How an advertising consent was given; each needs evidence the office can show (UWG § 7). */
export const CONSENT_SOURCES = ['formular', 'schriftlich', 'email'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export const CAMPAIGN_STATES = ['laeuft', 'fertig', 'abgebrochen'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const RECIPIENT_STATES = ['wartet', 'gesendet', 'uebersprungen', 'fehler'] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

/** An owner report went out because the broker pressed "Jetzt senden" or because it was Monday. */
export const OWNER_REPORT_TRIGGERS = ['manuell', 'woechentlich'] as const;
export type OwnerReportTrigger = (typeof OWNER_REPORT_TRIGGERS)[number];
