import type { LocalizedText } from '../rbac/permissions.js';

/**
 * What a module may notify about. A closed list, so the preferences page can name every kind and
 * its e-mail default; a module adds its kind here in the change that publishes it.
 */
export const NOTIFICATION_KINDS = {
  mention: { label: { de: 'Erwähnungen in Kommentaren', en: 'Mentions in comments' }, emailByDefault: true },
  assignment: { label: { de: 'Mir zugewiesene Aufgaben', en: 'Tasks assigned to me' }, emailByDefault: true },
  task_due: { label: { de: 'Heute fällige Aufgaben', en: 'Tasks due today' }, emailByDefault: false },
  lead_new: { label: { de: 'Neue Anfragen', en: 'New inquiries' }, emailByDefault: true },
  signature_completed: {
    label: { de: 'Abgeschlossene Unterschriften', en: 'Completed signatures' },
    emailByDefault: true,
  },
  data_room_access: {
    label: { de: 'Zugriffe auf Datenräume', en: 'Data room access' },
    emailByDefault: false,
  },
  competitor_listing: {
    label: {
      de: 'Neue Konkurrenzangebote nahe meinen Objekten',
      en: 'New competing listings near my properties',
    },
    emailByDefault: false,
  },
  automation: {
    label: { de: 'Benachrichtigungen aus Automationen', en: 'Notifications from automation rules' },
    emailByDefault: false,
  },
} satisfies Record<string, { label: LocalizedText; emailByDefault: boolean; mailedByModule?: boolean }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
const NOTIFICATION_KIND_IDS = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

/** Kinds a user chooses e-mail for (those a module mails itself are not offered). */
export const MAIL_CHOICE_KINDS = NOTIFICATION_KIND_IDS.filter(
  (kind) => !('mailedByModule' in NOTIFICATION_KINDS[kind]),
);
