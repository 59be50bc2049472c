import type { Platform } from '../../../../platform/kernel.js';
import type { calendarConnection } from '../../schema.js';
import { CaldavClient } from './caldav-client.js';
import { type CalendarClient, CalendarSyncError } from './calendar-client.js';
import { GoogleCalendarClient, type GoogleOAuthApp } from './google-calendar-client.js';

/** The sealed secret is bound to its connection: a copied ciphertext does not open elsewhere. */
export const secretAad = (connectionId: string) => `viewings.calendar:${connectionId}`;

/** The office's Google OAuth client, or null when the server has none configured. */
export function googleApp(platform: Platform): GoogleOAuthApp | null {
  const env = platform.config.env;
  if (!env.GOOGLE_CLIENT_ID || !env.GOOGLE_CLIENT_SECRET) return null;
  return {
    clientId: env.GOOGLE_CLIENT_ID,
    clientSecret: env.GOOGLE_CLIENT_SECRET,
    authUrl: env.GOOGLE_OAUTH_URL,
    tokenUrl: env.GOOGLE_TOKEN_URL,
    apiUrl: env.GOOGLE_CALENDAR_API_URL,
  };
}

export function clientFor(platform: Platform, c: typeof calendarConnection.$inferSelect): CalendarClient {
  const secret = platform.secretBox.decrypt(c.secretSealed, secretAad(c.id));
  if (c.provider === 'caldav')
    return new CaldavClient(c.calendarUrl, { username: c.username, password: secret });
  const app = googleApp(platform);
  if (!app)
    throw new CalendarSyncError(
      'Google-Kalender ist auf diesem Server nicht eingerichtet (GOOGLE_CLIENT_ID/GOOGLE_CLIENT_SECRET fehlen).',
    );
  return new GoogleCalendarClient(app, c.calendarUrl, secret, c.id);
}
