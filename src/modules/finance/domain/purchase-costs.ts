import { Dec, FinanceInputError, percentOfCents, toCents } from './money.js';
import { FEDERAL_STATES, type StateCode, transferTaxRate } from './transfer-tax.js';

export type BuyerPropertyKind = 'wohnung' | 'einfamilienhaus' | 'sonstiges';

export interface PurchaseCostInput {
  priceCents: number;
  /** Movable items (fitted kitchen …) sold with it; no transfer tax on them. */
  movablesCents: number;
  state: StateCode;
  /** Day of the notarised contract, YYYY-MM-DD; decides the transfer-tax rate. */
  contractDate: string;
  /** Estimates after GNotKG experience: notary about 1,5 %, land register about 0,5 %. */
  notaryPercent: number;
  landRegistryPercent: number;
  /** Gross commission (incl. VAT) for the whole deal and the buyer's share of it. */
  commission: { totalPercent: number; buyerSharePercent: number } | null;
  propertyKind: BuyerPropertyKind;
  buyerIsConsumer: boolean;
  /** Share of the price a bank lends; the rest and all side costs need equity. */
  loanToValuePercent: number;
}

export interface PurchaseCostResult {
  transferTax: {
    state: StateCode;
    stateName: string;
    ratePercent: number;
    validFrom: string;
    baseCents: number;
    cents: number;
  };
  notaryCents: number;
  landRegistryCents: number;
  commission: { buyerPercent: number; buyerCents: number; sellerPercent: number; sellerCents: number } | null;
  sideCostsCents: number;
  sideCostsPercent: number;
  totalCostCents: number;
  loanCents: number;
  equityNeededCents: number;
  notes: string[];
}

/** § 656c/656d BGB protect consumers buying a flat or a single-family house. */
export const brokerSplitApplies = (kind: BuyerPropertyKind, consumer: boolean) =>
  consumer && (kind === 'wohnung' || kind === 'einfamilienhaus');

export function purchaseCosts(input: PurchaseCostInput): PurchaseCostResult {
  const rate = transferTaxRate(input.state, input.contractDate);
  if (!rate)
    throw new FinanceInputError(
      'contractDate',
      'Für dieses Datum ist kein Grunderwerbsteuersatz hinterlegt.',
    );
  if (input.movablesCents > input.priceCents)
    throw new FinanceInputError('movablesCents', 'Das Inventar kann nicht mehr kosten als der Kaufpreis.');
  const notes: string[] = [];
  const taxBase = input.priceCents - input.movablesCents;
  const transferTaxCents = percentOfCents(taxBase, rate.ratePercent);
  const notaryCents = percentOfCents(input.priceCents, input.notaryPercent);
  const landRegistryCents = percentOfCents(input.priceCents, input.landRegistryPercent);

  let commission: PurchaseCostResult['commission'] = null;
  if (input.commission) {
    const { totalPercent, buyerSharePercent } = input.commission;
    if (brokerSplitApplies(input.propertyKind, input.buyerIsConsumer)) {
      if (buyerSharePercent > 50)
        throw new FinanceInputError(
          'commission.buyerSharePercent',
          'Beim Kauf einer Wohnung oder eines Einfamilienhauses durch Verbraucher trägt der Käufer höchstens die Hälfte der Provision (§§ 656c, 656d BGB).',
        );
      notes.push(
        buyerSharePercent === 50
          ? 'Provision je zur Hälfte von Käufer und Verkäufer (§ 656c BGB).'
          : 'Der Käufer trägt weniger als die Hälfte; er zahlt erst, wenn der Verkäufer seinen Anteil gezahlt hat (§ 656d BGB).',
      );
    }
    const buyerPercent = new Dec(totalPercent).mul(buyerSharePercent).div(100).toDecimalPlaces(4).toNumber();
    const sellerPercent = new Dec(totalPercent).sub(buyerPercent).toDecimalPlaces(4).toNumber();
    commission = {
      buyerPercent,
      buyerCents: percentOfCents(input.priceCents, buyerPercent),
      sellerPercent,
      sellerCents: percentOfCents(input.priceCents, sellerPercent),
    };
  }
  if (input.movablesCents > 0)
    notes.push('Für mitverkauftes Inventar fällt keine Grunderwerbsteuer an; der Wert muss angemessen sein.');
  const sideCostsCents = transferTaxCents + notaryCents + landRegistryCents + (commission?.buyerCents ?? 0);
  const loanCents = percentOfCents(input.priceCents, input.loanToValuePercent);
  return {
    transferTax: {
      state: input.state,
      stateName: FEDERAL_STATES[input.state],
      ratePercent: rate.ratePercent,
      validFrom: rate.validFrom,
      baseCents: taxBase,
      cents: transferTaxCents,
    },
    notaryCents,
    landRegistryCents,
    commission,
    sideCostsCents,
    sideCostsPercent: toCents(new Dec(sideCostsCents).mul(10_000).div(input.priceCents)) / 100,
    totalCostCents: input.priceCents + sideCostsCents,
    loanCents,
    equityNeededCents: input.priceCents + sideCostsCents - loanCents,
    notes,
  };
}
