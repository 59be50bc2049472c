import { formatDateTime, formatTime } from '../../../platform/format/format-de.js';
import { escapeHtml } from '../../../platform/http/escape-html.js';
import { type OfficeInfo, page } from '../../crm/server/secured-expose-html.js';
import { longDay } from '../domain/visitor-message-text.js';

export interface VisitorPageModel {
  office: OfficeInfo;
  base: string;
  propertyTitle: string;
  startsAt: Date;
  endsAt: Date;
  meetingPoint: string;
  agentName: string | null;
  visitorName: string;
  response: 'offen' | 'bestaetigt' | 'abgesagt';
  cancelled: boolean;
  checkedInAt: Date | null;
  ended: boolean;
  hasFeedback: boolean;
  qrSvg: string;
}

const RESPONSE_TEXT = {
  offen: 'Noch nicht bestätigt',
  bestaetigt: 'Bestätigt',
  abgesagt: 'Von Ihnen abgesagt',
} as const;

const when = (m: { startsAt: Date; endsAt: Date }) =>
  `${longDay(m.startsAt)}, ${formatTime(m.startsAt)}–${formatTime(m.endsAt)} Uhr`;

const facts = (m: VisitorPageModel) => `<dl>
<dt>Objekt</dt><dd>${escapeHtml(m.propertyTitle)}</dd>
<dt>Termin</dt><dd>${escapeHtml(when(m))}</dd>
<dt>Treffpunkt</dt><dd>${escapeHtml(m.meetingPoint)}</dd>
${m.agentName ? `<dt>Ansprechpartner</dt><dd>${escapeHtml(m.agentName)}</dd>` : ''}
<dt>Ihre Antwort</dt><dd>${escapeHtml(m.cancelled ? 'Termin abgesagt' : RESPONSE_TEXT[m.response])}</dd>
${m.checkedInAt ? `<dt>Check-in</dt><dd>${escapeHtml(formatDateTime(m.checkedInAt))} Uhr</dd>` : ''}
</dl>`;

export function renderVisitorPage(m: VisitorPageModel, notice: string | null = null): string {
  const noticeHtml = notice ? `<p class="card" role="status">${escapeHtml(notice)}</p>` : '';
  if (m.cancelled)
    return page(
      m.office,
      'Besichtigung abgesagt',
      `<h1>Dieser Besichtigungstermin wurde abgesagt</h1>${noticeHtml}<div class="card">${facts(m)}</div><p>Für einen neuen Termin melden Sie sich gern bei uns.</p>`,
    );
  const answer = m.ended
    ? ''
    : `<form method="post" action="${escapeHtml(m.base)}/antwort" class="card">
<p>Kommen Sie zum Termin?</p>
<button name="antwort" value="bestaetigen">Termin bestätigen</button>
<button name="antwort" value="absagen" style="background:#64748b">Termin absagen</button>
</form>`;
  const feedback = m.ended
    ? `<div class="card"><p>${m.hasFeedback ? 'Danke für Ihre Rückmeldung! Sie können sie noch ändern.' : 'Wie hat Ihnen das Objekt gefallen?'}</p><a class="button" href="${escapeHtml(m.base)}/feedback">Feedback geben</a></div>`
    : '';
  return page(
    m.office,
    `Besichtigung: ${m.propertyTitle}`,
    `<h1>Ihre Besichtigung: ${escapeHtml(m.propertyTitle)}</h1>
<p>Guten Tag ${escapeHtml(m.visitorName)}, hier finden Sie alles zu Ihrem Termin.</p>
${noticeHtml}<div class="card">${facts(m)}
<p><a href="${escapeHtml(m.base)}/kalender.ics">In meinen Kalender übernehmen (.ics)</a></p></div>
${answer}${feedback}
<div class="card"><h2>Check-in vor Ort</h2>
<p>Zeigen Sie diesen Code beim Termin vor oder scannen Sie ihn selbst – damit ist Ihr Besuch festgehalten.</p>
<div style="max-width:220px" aria-label="QR-Code zum Einchecken">${m.qrSvg}</div>
<p><a href="${escapeHtml(m.base)}/check-in">Ohne Kamera einchecken</a></p></div>`,
  );
}

export function renderCheckInPage(
  m: VisitorPageModel,
  state: 'ready' | 'done' | 'too_early' | 'too_late',
): string {
  const body = {
    ready: `<p>Sind Sie vor Ort? Mit einem Klick ist Ihr Besuch mit Datum und Uhrzeit festgehalten.</p>
<form method="post" action="${escapeHtml(m.base)}/check-in"><button>Jetzt einchecken</button></form>`,
    done: `<p class="card" role="status"><strong>Sie sind eingecheckt</strong> – ${escapeHtml(m.checkedInAt ? formatTime(m.checkedInAt) : '')} Uhr. Viel Freude bei der Besichtigung!</p>`,
    too_early: '<p class="err" role="alert">Der Check-in öffnet eine Stunde vor Beginn der Besichtigung.</p>',
    too_late:
      '<p class="err" role="alert">Der Check-in ist nur bis drei Stunden nach dem Termin möglich.</p>',
  }[state];
  return page(
    m.office,
    `Check-in: ${m.propertyTitle}`,
    `<h1>Check-in: ${escapeHtml(m.propertyTitle)}</h1><div class="card">${facts(m)}</div>${body}`,
  );
}

export interface FeedbackValues {
  interest?: string;
  priceOpinion?: string;
  missing?: string;
  wantsOffer?: boolean;
  wantsSecondViewing?: boolean;
}

export function renderFeedbackPage(
  m: VisitorPageModel,
  values: FeedbackValues,
  state: { error: string | null; saved: boolean },
): string {
  const radio = (name: string, value: string, label: string, checked: boolean) =>
    `<label class="check"><input type="radio" name="${name}" value="${value}"${checked ? ' checked' : ''}${name === 'interest' ? ' required' : ''}> <span>${escapeHtml(label)}</span></label>`;
  const interest = ['1', '2', '3', '4', '5']
    .map((v) =>
      radio(
        'interest',
        v,
        `${v} – ${{ 1: 'kein Interesse', 2: 'eher nicht', 3: 'vielleicht', 4: 'großes Interesse', 5: 'sehr großes Interesse' }[v]}`,
        values.interest === v,
      ),
    )
    .join('');
  const price = [
    ['zu_hoch', 'Zu hoch'],
    ['angemessen', 'Angemessen'],
    ['guenstig', 'Günstig'],
  ]
    .map(([v, l]) => radio('priceOpinion', v as string, l as string, values.priceOpinion === v))
    .join('');
  return page(
    m.office,
    `Feedback: ${m.propertyTitle}`,
    `<h1>Ihre Meinung zu „${escapeHtml(m.propertyTitle)}“</h1>
<p>Besichtigung am ${escapeHtml(longDay(m.startsAt))}. Vielen Dank, dass Sie sich eine Minute nehmen.</p>
${state.saved ? '<p class="card" role="status"><strong>Danke!</strong> Ihre Rückmeldung ist bei uns angekommen.</p>' : ''}
${state.error ? `<p class="err" role="alert">${escapeHtml(state.error)}</p>` : ''}
<form method="post" action="${escapeHtml(m.base)}/feedback" class="card">
<fieldset style="border:0;padding:0"><legend><strong>Wie groß ist Ihr Interesse?</strong></legend>${interest}</fieldset>
<fieldset style="border:0;padding:0"><legend><strong>Der Preis ist …</strong></legend>${price}</fieldset>
<p><label for="missing"><strong>Was hat Ihnen gefehlt?</strong></label><br>
<textarea id="missing" name="missing" rows="3" maxlength="2000" style="width:100%">${escapeHtml(values.missing ?? '')}</textarea></p>
<label class="check"><input type="checkbox" name="wantsOffer" value="ja"${values.wantsOffer ? ' checked' : ''}> <span>Ich möchte ein Angebot abgeben bzw. ein Angebot erhalten.</span></label>
<label class="check"><input type="checkbox" name="wantsSecondViewing" value="ja"${values.wantsSecondViewing ? ' checked' : ''}> <span>Ich wünsche einen zweiten Besichtigungstermin.</span></label>
<button>Feedback senden</button>
</form>`,
  );
}

export interface BookingSlot {
  viewingId: string;
  startsAt: Date;
  endsAt: Date;
  free: number;
}

export function renderBookingPage(input: {
  office: OfficeInfo;
  action: string;
  propertyTitle: string;
  address: string;
  slots: BookingSlot[];
  values: Record<string, string>;
  error: string | null;
  booked: { startsAt: Date; endsAt: Date; mailed: boolean } | null;
}): string {
  const v = input.values;
  const slots =
    input.slots.length === 0
      ? '<p>Zurzeit sind keine freien Termine buchbar. Bitte schauen Sie später noch einmal vorbei oder rufen Sie uns an.</p>'
      : input.slots
          .map(
            (s) =>
              `<label class="check"><input type="radio" name="slot" value="${s.viewingId}" required${v.slot === s.viewingId ? ' checked' : ''}> <span>${escapeHtml(when(s))} · noch ${s.free} ${s.free === 1 ? 'Platz' : 'Plätze'}</span></label>`,
          )
          .join('');
  const field = (name: string, label: string, type: string, required: boolean, autocomplete: string) =>
    `<p><label for="${name}"><strong>${escapeHtml(label)}</strong>${required ? '' : ' (optional)'}</label><br><input id="${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" value="${escapeHtml(v[name] ?? '')}"${required ? ' required' : ''} style="width:100%;padding:9px;border:1px solid #cbd5e1;border-radius:8px;font:inherit"></p>`;
  const done = input.booked
    ? `<p class="card" role="status"><strong>Sie sind angemeldet</strong> für ${escapeHtml(when(input.booked))}. ${input.booked.mailed ? 'Die Einladung mit Kalenderdatei ist per E-Mail unterwegs.' : 'Wir senden Ihnen die Einladung mit Kalenderdatei per E-Mail.'}</p>`
    : '';
  return page(
    input.office,
    `Besichtigung buchen: ${input.propertyTitle}`,
    `<h1>Besichtigungstermin buchen</h1>
<p><strong>${escapeHtml(input.propertyTitle)}</strong><br>${escapeHtml(input.address)}</p>
${done}${input.error ? `<p class="err" role="alert">${escapeHtml(input.error)}</p>` : ''}
${
  input.booked
    ? ''
    : `<form method="post" action="${escapeHtml(input.action)}" class="card">
<fieldset style="border:0;padding:0"><legend><strong>Termin wählen</strong></legend>${slots}</fieldset>
${
  input.slots.length > 0
    ? `${field('name', 'Vor- und Nachname', 'text', true, 'name')}${field('email', 'E-Mail', 'email', true, 'email')}${field('phone', 'Telefon', 'tel', false, 'tel')}
<p style="position:absolute;left:-9999px" aria-hidden="true"><label>Website <input name="website" tabindex="-1" autocomplete="off"></label></p>
<label class="check"><input type="checkbox" name="privacy" value="ja" required${v.privacy === 'ja' ? ' checked' : ''}> <span>Ich bin einverstanden, dass ${escapeHtml(input.office.name)} meine Angaben zur Organisation der Besichtigung speichert und mich dazu per E-Mail oder Telefon kontaktiert.${input.office.privacyUrl ? ` <a href="${escapeHtml(input.office.privacyUrl)}">Datenschutzhinweise</a>` : ''}</span></label>
<button>Verbindlich anmelden</button>`
    : ''
}
</form>`
}`,
  );
}
