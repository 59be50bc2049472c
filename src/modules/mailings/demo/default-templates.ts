/** The template a new office starts with; the office edits it or writes its own. */
export const DEFAULT_OFFER_TEMPLATE = {
  name: 'Neues Angebot passend zum Suchprofil',
  subject: 'Neu im Angebot: {{objekt_titel}}',
  body: `{{anrede}},

Sie suchen bei uns eine Immobilie – und wir haben ein neues Objekt, das zu Ihrem Suchprofil passt:

{{objekt_titel}}
{{objekt_ort}} · {{objekt_wohnflaeche}} · {{objekt_zimmer}} Zimmer
{{objekt_preis}}

Alle Bilder und Details finden Sie hier:
{{objekt_link}}

Gern zeige ich Ihnen das Objekt persönlich. Antworten Sie einfach auf diese E-Mail oder rufen Sie mich an.

Mit freundlichen Grüßen
{{signatur}}`,
};
