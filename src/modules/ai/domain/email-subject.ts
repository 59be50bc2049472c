/** Emails come back as "Betreff: …" on the first line; split it off. */
export function splitSubject(text: string): { subject: string | null; body: string } {
  const match = /^\s*(?:Betreff|Subject|Objet|Oggetto)\s*:\s*(.+)\n+/i.exec(text);
  return match
    ? { subject: match[1]?.trim() ?? null, body: text.slice(match[0].length) }
    : { subject: null, body: text };
}
