import { formatDate } from '../../../platform/format/format-de.js';
import { type EnergyStatementInput, energyStatement } from './energy-statement.js';

export interface EnergyFields extends EnergyStatementInput {
  energyValidUntil: string | null;
}

export interface ListingWarning {
  code: 'energy_missing' | 'energy_expired' | 'no_photos' | 'no_price';
  message: string;
}

/** What GEG § 87 requires in a property advertisement, checked against the listing. */
export function energyWarnings(p: EnergyFields, today = new Date()): ListingWarning[] {
  const statement = energyStatement(p);
  const warnings: ListingWarning[] = [];
  if (statement.kind === 'none')
    warnings.push({
      code: 'energy_missing',
      message:
        'Keine Energieausweis-Daten hinterlegt. Liegt ein Ausweis vor, gehören seine Pflichtangaben in jede Anzeige (§ 87 GEG); Anzeigen sagen bis dahin „liegt noch nicht vor“.',
    });
  if (statement.kind === 'certificate' && statement.missing.length > 0)
    warnings.push({
      code: 'energy_missing',
      message: `Pflichtangaben nach § 87 GEG fehlen: ${statement.missing.join(', ')}.`,
    });
  if (
    statement.kind === 'certificate' &&
    p.energyValidUntil &&
    p.energyValidUntil < today.toISOString().slice(0, 10)
  )
    warnings.push({
      code: 'energy_expired',
      message: `Der Energieausweis ist am ${formatDate(p.energyValidUntil)} abgelaufen.`,
    });
  return warnings;
}
