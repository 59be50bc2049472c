import { certificateItems, ENERGY_CARRIER_WORDS_EN } from '../../../crm/domain/energy-statement.js';
import type { EnergyFacts } from '../listing-facts.js';

export { ENERGY_CARRIER_WORDS_EN };

const asCertificate = (e: EnergyFacts) => ({
  type: e.certificateType,
  value: e.value,
  carrier: e.carrier,
  yearBuilt: e.yearBuilt,
  efficiencyClass: e.efficiencyClass,
});

/** The items § 87 GEG requires in an advert, as one German sentence fragment (the CRM's wording). */
export const energyItemsDe = (e: EnergyFacts): string => certificateItems(asCertificate(e), 'de');

export const energyItemsEn = (e: EnergyFacts): string => certificateItems(asCertificate(e), 'en');
