import { ENERGY_CARRIER_LABELS_DE } from '../../../crm/domain/labels-de.js';
import type { EnergyFacts } from '../listing-facts.js';
import { formatNumber } from './phrasing.js';

export const ENERGY_CARRIER_WORDS_EN: Record<string, string> = {
  gas: 'gas',
  oel: 'oil',
  fernwaerme: 'district heating',
  strom: 'electricity',
  holz: 'wood',
  pellets: 'wood pellets',
  waermepumpe: 'heat pump',
  erdwaerme: 'geothermal',
  solar: 'solar',
  fluessiggas: 'liquid gas',
  kohle: 'coal',
  blockheizkraftwerk: 'combined heat and power',
};

/** The items § 87 GEG requires in an advert, as one German sentence fragment. */
export function energyItemsDe(e: EnergyFacts): string {
  return [
    e.certificateType === 'bedarf' ? 'Energiebedarfsausweis' : 'Energieverbrauchsausweis',
    e.value !== null
      ? `Endenergie${e.certificateType === 'bedarf' ? 'bedarf' : 'verbrauch'} ${formatNumber(e.value, 'de')} kWh/(m²·a)`
      : null,
    e.carrier ? `wesentlicher Energieträger ${ENERGY_CARRIER_LABELS_DE[e.carrier] ?? e.carrier}` : null,
    e.yearBuilt ? `Baujahr ${e.yearBuilt}` : null,
    e.efficiencyClass ? `Energieeffizienzklasse ${e.efficiencyClass}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

export function energyItemsEn(e: EnergyFacts): string {
  return [
    e.certificateType === 'bedarf' ? 'energy demand certificate' : 'energy consumption certificate',
    e.value !== null
      ? `final energy ${e.certificateType === 'bedarf' ? 'demand' : 'consumption'} ${formatNumber(e.value, 'en')} kWh/(m²·a)`
      : null,
    e.carrier ? `main energy source ${ENERGY_CARRIER_WORDS_EN[e.carrier] ?? e.carrier}` : null,
    e.yearBuilt ? `year of construction ${e.yearBuilt}` : null,
    e.efficiencyClass ? `energy efficiency class ${e.efficiencyClass}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}
