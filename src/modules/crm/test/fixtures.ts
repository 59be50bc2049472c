import sharp from 'sharp';

/** A real JPEG photo stand-in: a gradient with a "house", made locally. */
export async function makeJpeg(width = 1200, height = 800, hue = 200): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,75%)"/><stop offset="1" stop-color="hsl(${hue},60%,92%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/>
    <rect x="${width * 0.3}" y="${height * 0.45}" width="${width * 0.4}" height="${height * 0.4}" fill="#f5f5f4"/>
    <polygon points="${width * 0.25},${height * 0.47} ${width * 0.5},${height * 0.2} ${width * 0.75},${height * 0.47}" fill="#b45309"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

export const completeEnergy = {
  energyCertificateType: 'verbrauch',
  energyValue: 98.5,
  energyCarrier: 'gas',
  energyYearBuilt: 2004,
  energyClass: 'C',
  energyIssuedAt: '2024-03-01',
  energyValidUntil: '2034-02-28',
  energyIncludesHotWater: true,
} as const;

export const seeblickWohnung = {
  title: '3-Zimmer-Wohnung mit Seeblick in Konstanz',
  marketingType: 'kauf',
  objectType: 'wohnung',
  objectSubtype: 'etage',
  street: 'Seestraße',
  houseNumber: '7',
  postalCode: '78464',
  city: 'Konstanz',
  federalState: 'BW',
  livingArea: 86.5,
  rooms: 3,
  bedrooms: 2,
  bathrooms: 1,
  floor: 2,
  yearBuilt: 2004,
  condition: 'gepflegt',
  features: ['balkon', 'seeblick', 'aufzug'],
  purchasePrice: 549000,
  hausgeld: 380,
  commissionText: '3,57 % inkl. MwSt. vom Kaufpreis',
  description: 'Helle Wohnungen mit Blick auf den Bodensee und die Alpen.',
  ...completeEnergy,
} as const;
