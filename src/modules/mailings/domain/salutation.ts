/** The letter salutation German business mail uses, from the CRM's salutation and name. */
export function letterSalutation(c: {
  salutation: string | null;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
}): string {
  const last = c.lastName?.trim();
  if (last && c.salutation === 'frau') return `Sehr geehrte Frau ${last}`;
  if (last && c.salutation === 'herr') return `Sehr geehrter Herr ${last}`;
  // "divers" or unknown: the full name without a gendered form, as the Duden advises.
  const full = [c.firstName?.trim(), last].filter(Boolean).join(' ');
  if (full) return `Guten Tag ${full}`;
  if (c.companyName?.trim()) return 'Sehr geehrte Damen und Herren';
  return 'Guten Tag';
}
