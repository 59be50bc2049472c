import type { contact, searchRequest } from '../schema.js';
import { PLACES } from './places.js';
import type { Random } from './random.js';

/** Alternating: even positions are women's names, odd ones men's — the salutation follows. */
const FIRST = [
  'Anna',
  'Lukas',
  'Marie',
  'Felix',
  'Sophie',
  'Jonas',
  'Lea',
  'Paul',
  'Emma',
  'Leon',
  'Hannah',
  'Tim',
  'Laura',
  'Max',
  'Julia',
  'Ben',
  'Sarah',
  'Noah',
  'Lisa',
  'Elias',
  'Katrin',
  'Thomas',
  'Sabine',
  'Michael',
  'Claudia',
  'Stefan',
  'Petra',
  'Andreas',
  'Monika',
  'Markus',
];
const LAST = [
  'Müller',
  'Schmid',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Bauer',
  'Richter',
  'Klein',
  'Wolf',
  'Zimmermann',
  'Braun',
  'Hofmann',
  'Hartmann',
  'Lange',
  'Keller',
  'Huber',
  'Brunner',
  'Seeberger',
  'Rauch',
  'Heinzelmann',
  'Bodmer',
  'Gäng',
  'Riedle',
  'Moosbrugger',
];
const COMPANIES = [
  'Seeblick Projektbau GmbH',
  'Hegau Invest AG',
  'Linzgau Wohnbau GmbH',
  'Alpenrhein Immobilienfonds KG',
  'Bodensee Stiftung Wohnen',
];
const SOURCES = [
  'website',
  'immoscout24',
  'immowelt',
  'empfehlung',
  'telefon',
  'email',
  'kleinanzeigen',
  'social_media',
] as const;
const STATUSES = [
  'neu',
  'neu',
  'kontaktiert',
  'kontaktiert',
  'qualifiziert',
  'besichtigung',
  'angebot',
  'gewonnen',
  'verloren',
] as const;

export type DemoContact = typeof contact.$inferInsert;
export type DemoSearchRequest = Omit<typeof searchRequest.$inferInsert, 'contactId'> & {
  contactIndex: number;
};

const ascii = (s: string) =>
  s.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');

/** 300 contacts (people and a few companies) with example.de addresses, and search requests for many. */
export function demoContacts(
  r: Random,
  tenantId: string,
  agentIds: string[],
  count = 300,
): { contacts: DemoContact[]; searchRequests: DemoSearchRequest[] } {
  const contacts: DemoContact[] = [];
  const searchRequests: DemoSearchRequest[] = [];
  for (let i = 0; i < count; i++) {
    const isCompany = i % 60 === 0;
    const firstIndex = r.int(0, FIRST.length - 1);
    const firstName = FIRST[firstIndex] as string;
    const lastName = r.pick(LAST);
    const place = r.pick(PLACES);
    const roleRoll = r.next();
    const roles =
      roleRoll < 0.6
        ? ['interessent', 'kaeufer']
        : roleRoll < 0.75
          ? ['interessent', 'mieter']
          : roleRoll < 0.9
            ? ['verkaeufer', 'eigentuemer']
            : ['vermieter', 'eigentuemer'];
    const consent = r.chance(0.8);
    contacts.push({
      tenantId,
      kind: isCompany ? 'firma' : 'person',
      salutation: isCompany ? null : firstIndex % 2 === 0 ? 'frau' : 'herr',
      firstName: isCompany ? null : firstName,
      lastName: isCompany ? null : lastName,
      companyName: isCompany ? r.pick(COMPANIES) : null,
      email: `${ascii(isCompany ? 'kontakt' : `${firstName}.${lastName}`)}.${i}@example.de`,
      phone: `+49 75${r.int(31, 44)} ${r.int(10000, 99999)}`,
      mobile: r.chance(0.6) ? `+49 15${r.int(1, 9)} ${r.int(1000000, 9999999)}` : null,
      street: `${r.pick(place.streets)} ${r.int(1, 80)}`,
      postalCode: place.postalCode,
      city: place.city,
      roles,
      leadStatus: r.pick(STATUSES),
      source: r.pick(SOURCES),
      assignedAgentId: r.pick(agentIds),
      consentGiven: consent,
      consentAt: consent ? new Date(Date.now() - r.int(1, 300) * 86_400_000) : null,
      consentPurpose: consent ? 'Zusendung passender Immobilienangebote' : null,
      isDemo: true,
      createdAt: new Date(Date.now() - r.int(0, 365) * 86_400_000),
    });
    if (roles.includes('kaeufer') || roles.includes('mieter')) {
      const buying = roles.includes('kaeufer');
      const towns = [place.city, ...(r.chance(0.5) ? [r.pick(PLACES).city] : [])];
      const flat = r.chance(0.6);
      searchRequests.push({
        contactIndex: i,
        tenantId,
        marketingType: buying ? 'kauf' : 'miete',
        objectTypes: [flat ? 'wohnung' : 'haus'],
        cities: [...new Set(towns)],
        minLivingArea: r.pick([50, 65, 80, 100, 120]),
        minRooms: r.pick([2, 3, 3, 4]),
        maxPriceCents: buying
          ? r.pick([350_000, 450_000, 550_000, 700_000, 900_000, 1_200_000]) * 100
          : r.pick([900, 1200, 1500, 1900]) * 100,
        requiredFeatures: r.chance(0.4) ? [r.pick(['balkon', 'garten', 'aufzug', 'stellplatz'])] : [],
        active: r.chance(0.9),
      });
    }
  }
  return { contacts, searchRequests };
}
