import { formatDate } from '../../../../platform/format/format-de.js';
import type { InvestmentRequest, LoanPartRequest } from '../../contract.js';
import type { CalculationResult } from '../scenario-calculation.js';
import type { PdfChart, PdfSection, PdfTable } from './finance-pdf.js';
import { duration, eur, monthDe, num, pct } from './format-de.js';

export interface ReportContent {
  title: string;
  sections: PdfSection[];
  chart: PdfChart | null;
  tables: PdfTable[];
  notes: string[];
}

const INTEREST = '#f59e0b';
const REPAYMENT = '#0f766e';
const SPECIAL = '#6366f1';
const DEBT = '#64748b';
const OFFER_COLOURS = ['#0f766e', '#6366f1', '#f59e0b', '#e11d48', '#0ea5e9'];
const euroAxis = (value: number) => eur(Math.round(value / 100_000) * 100_000).replace(',00', '');

const repaymentText = (part: LoanPartRequest) =>
  part.repayment.kind === 'initial_percent'
    ? `${pct(part.repayment.percent)} anfängliche Tilgung`
    : `Rate ${eur(part.repayment.rateCents)}`;

/** German report content for each calculator; the numbers are those the API returns, formatted. */
export function reportContent(calc: CalculationResult, input: Record<string, unknown>): ReportContent {
  switch (calc.kind) {
    case 'annuity': {
      const plan = calc.result;
      const parts = (input as { parts: LoanPartRequest[] }).parts;
      const perYear = plan.parts[0]?.paymentsPerYear ?? 12;
      return {
        title: 'Finanzierungsplan',
        sections: [
          ...parts.map((part) => ({
            heading: `Eingaben: ${part.name}`,
            rows: [
              ['Darlehensbetrag', eur(part.amountCents)],
              ['Sollzins p. a.', pct(part.nominalRatePercent)],
              ['Tilgung', repaymentText(part)],
              ['Sollzinsbindung', `${part.fixedRateYears} Jahre`],
              ['Sondertilgung je Jahr', eur(part.specialRepaymentCentsPerYear)],
              ['Tilgungsfreie Anlaufzeit', `${part.repaymentFreeMonths} Monate`],
              ['Gebühren', eur(part.feesCents)],
              ['Auszahlung', monthDe(part.startMonth)],
            ] as Array<[string, string]>,
          })),
          {
            heading: 'Ergebnis',
            rows: [
              [perYear === 12 ? 'Monatliche Rate' : 'Rate je Zahlung', eur(plan.totalRateCents)],
              ['Effektiver Jahreszins (PAngV)', pct(plan.effectiveRatePercent)],
              ...plan.parts.flatMap(
                (p): Array<[string, string]> => [
                  [`${p.name}: Restschuld nach ${p.fixedRateYears} Jahren`, eur(p.remainingAtFixedEndCents)],
                  [`${p.name}: Zinsen in der Zinsbindung`, eur(p.interestDuringFixedCents)],
                  [
                    `${p.name}: vollständig getilgt`,
                    `${monthDe(p.payoffMonth)} (nach ${duration(p.payoffPeriods, p.paymentsPerYear)})`,
                  ],
                ],
              ),
              ['Zinsen bis zur vollständigen Tilgung', eur(plan.totalInterestCents)],
            ],
          },
        ],
        chart: {
          heading: 'Zins und Tilgung je Jahr',
          labels: plan.years.map((y) => String(y.year)),
          series: [
            { name: 'Zinsen', colour: INTEREST, values: plan.years.map((y) => y.interestCents) },
            { name: 'Tilgung', colour: REPAYMENT, values: plan.years.map((y) => y.repaymentCents) },
            {
              name: 'Sondertilgung',
              colour: SPECIAL,
              values: plan.years.map((y) => y.specialRepaymentCents),
            },
          ],
          stacked: true,
          formatValue: euroAxis,
        },
        tables: [
          {
            heading: 'Tilgungsplan (jährlich)',
            columns: ['Jahr', 'Schuld Anfang', 'Raten', 'Zinsen', 'Tilgung', 'Sondertilg.', 'Schuld Ende'],
            rows: plan.years.map((y) => [
              String(y.year),
              eur(y.openingCents),
              eur(y.paymentCents),
              eur(y.interestCents),
              eur(y.repaymentCents),
              eur(y.specialRepaymentCents),
              eur(y.closingCents),
            ]),
          },
        ],
        notes: [
          'Nach Ablauf der Sollzinsbindung ist der bisherige Sollzins angenommen; die tatsächliche Anschlussfinanzierung kann abweichen.',
          'Effektiver Jahreszins nach § 16 PAngV über die Sollzinsbindung, mit Gebühren und der Restschuld an deren Ende.',
        ],
      };
    }
    case 'compare': {
      const c = calc.result;
      return {
        title: 'Angebotsvergleich',
        sections: c.offers.map((o) => ({
          heading: `${o.rank}. ${o.name}${o.name === c.cheapest ? ' (günstigstes)' : ''}`,
          rows: [
            ['Sollzins / effektiv', `${pct(o.nominalRatePercent)} / ${pct(o.effectiveRatePercent)}`],
            ['Rate', eur(o.rateCents)],
            ['Zinsbindung', `${o.fixedRateYears} Jahre`],
            ['Gebühren', eur(o.feesCents)],
            ['Sondertilgungsrecht', `${pct(o.specialRepaymentRightPercent)} p. a.`],
            [`Zinsen + Gebühren in ${c.horizonYears} Jahren`, eur(o.costToHorizonCents)],
            [`Restschuld nach ${c.horizonYears} Jahren`, eur(o.remainingAtHorizonCents)],
            [`Restschuld am Ende der eigenen Zinsbindung`, eur(o.remainingAtFixedEndCents)],
          ],
        })),
        chart: {
          heading: 'Restschuld je Jahr',
          labels: (c.offers[0]?.remainingByYear ?? []).map((_, i) => String(i + 1)),
          series: c.offers.map((o, i) => ({
            name: o.name,
            colour: OFFER_COLOURS[i] ?? DEBT,
            values: o.remainingByYear,
          })),
          stacked: false,
          formatValue: euroAxis,
        },
        tables: [],
        notes: [`Verglichen über ${c.horizonYears} Jahre, die kürzeste Zinsbindung der Angebote.`],
      };
    }
    case 'purchase_costs': {
      const r = calc.result;
      const i = input as { priceCents: number; contractDate: string };
      return {
        title: 'Kaufnebenkosten',
        sections: [
          {
            heading: 'Ergebnis',
            rows: [
              ['Kaufpreis', eur(i.priceCents)],
              [
                `Grunderwerbsteuer ${r.transferTax.stateName} (${pct(r.transferTax.ratePercent)})`,
                eur(r.transferTax.cents),
              ],
              ['Notar (geschätzt)', eur(r.notaryCents)],
              ['Grundbuchamt (geschätzt)', eur(r.landRegistryCents)],
              ...(r.commission
                ? ([
                    [
                      `Maklerprovision Käufer (${pct(r.commission.buyerPercent)})`,
                      eur(r.commission.buyerCents),
                    ],
                  ] as Array<[string, string]>)
                : []),
              ['Nebenkosten gesamt', `${eur(r.sideCostsCents)} (${pct(r.sideCostsPercent)})`],
              ['Gesamtkosten', eur(r.totalCostCents)],
              ['Darlehen', eur(r.loanCents)],
              ['Benötigtes Eigenkapital', eur(r.equityNeededCents)],
            ],
          },
        ],
        chart: null,
        tables: [],
        notes: [
          `Grunderwerbsteuersatz gültig seit ${formatDate(r.transferTax.validFrom)}, Vertragsdatum ${formatDate(i.contractDate)}.`,
          ...r.notes,
        ],
      };
    }
    case 'affordability': {
      const r = calc.result;
      const i = input as { netIncomeMonthlyCents: number; expensesMonthlyCents: number; equityCents: number };
      return {
        title: 'Haushaltsrechnung: Was ist finanzierbar?',
        sections: [
          {
            heading: 'Eingaben',
            rows: [
              ['Nettoeinkommen monatlich', eur(i.netIncomeMonthlyCents)],
              ['Ausgaben monatlich', eur(i.expensesMonthlyCents)],
              ['Eigenkapital', eur(i.equityCents)],
            ],
          },
          {
            heading: 'Ergebnis',
            rows: [
              ['Tragbare Monatsrate', eur(r.monthlyRateCents)],
              ['Mögliches Darlehen', eur(r.loanCents)],
              ['Höchster Kaufpreis', eur(r.maxPriceCents)],
              ['Nebenkosten dazu', eur(r.sideCostsCents)],
              ['Gesamtkosten', eur(r.totalCostCents)],
            ],
          },
        ],
        chart: null,
        tables: [],
        notes: r.equityCoversSideCosts
          ? []
          : ['Das Eigenkapital deckt die Nebenkosten nicht; Banken finanzieren Nebenkosten selten mit.'],
      };
    }
    case 'investment': {
      const r = calc.result;
      const i = input as InvestmentRequest;
      return {
        title: 'Renditeberechnung',
        sections: [
          {
            heading: 'Eingaben',
            rows: [
              ['Kaufpreis', eur(i.priceCents)],
              ['Nebenkosten', eur(i.sideCostsCents)],
              ['Kaltmiete im Monat', eur(i.monthlyColdRentCents)],
              ['Nicht umlagefähige Kosten im Jahr', eur(i.nonRecoverableCostsYearlyCents)],
              ['Leerstand', pct(i.vacancyPercent)],
              ['Eigenkapital', eur(i.equityCents)],
              [
                'Sollzins / anfängliche Tilgung',
                `${pct(i.nominalRatePercent)} / ${pct(i.initialRepaymentPercent)}`,
              ],
              ['Gebäudeanteil / Fertigstellung', `${pct(i.buildingSharePercent)} / ${i.completionYear}`],
              ['Grenzsteuersatz', pct(i.marginalTaxPercent)],
              [
                'Miet- / Wert- / Kostensteigerung p. a.',
                `${pct(i.rentGrowthPercent)} / ${pct(i.valueGrowthPercent)} / ${pct(i.costGrowthPercent)}`,
              ],
            ],
          },
          {
            heading: 'Kennzahlen',
            rows: [
              ['Bruttomietrendite', pct(r.grossYieldPercent)],
              ['Nettomietrendite', pct(r.netYieldPercent)],
              ['Kaufpreisfaktor', num(r.purchasePriceFactor)],
              ['Darlehen', eur(r.loanCents)],
              [
                'AfA',
                `${pct(r.depreciation.ratePercent)} von ${eur(r.depreciation.baseCents)} = ${eur(r.depreciation.yearlyCents)} p. a.`,
              ],
              ['Cashflow vor Steuern (Jahr 1)', eur(r.firstYear.cashFlowBeforeTaxCents)],
              ['Steuereffekt (Jahr 1)', eur(-r.firstYear.taxCents)],
              ['Cashflow nach Steuern (Jahr 1)', eur(r.firstYear.cashFlowAfterTaxCents)],
              ['Eigenkapitalrendite (Jahr 1, mit Tilgung)', pct(r.returnOnEquityPercent)],
              [`Interner Zinsfuß über ${r.projection.length} Jahre`, pct(r.irrPercent)],
            ],
          },
        ],
        chart: {
          heading: 'Cashflow nach Steuern je Jahr',
          labels: r.projection.map((y) => String(y.year)),
          series: [
            {
              name: 'Cashflow nach Steuern',
              colour: REPAYMENT,
              values: r.projection.map((y) => y.cashFlowAfterTaxCents),
            },
          ],
          stacked: false,
          formatValue: (v) => eur(Math.round(v)),
        },
        tables: [
          {
            heading: 'Prognose',
            columns: ['Jahr', 'Miete', 'Kosten', 'Zinsen', 'Tilgung', 'Steuer', 'CF n. St.', 'Restschuld'],
            rows: r.projection.map((y) => [
              String(y.year),
              eur(y.rentCents),
              eur(y.costsCents),
              eur(y.interestCents),
              eur(y.repaymentCents),
              eur(y.taxCents),
              eur(y.cashFlowAfterTaxCents),
              eur(y.remainingDebtCents),
            ]),
          },
        ],
        notes: [r.depreciation.rule, ...r.notes],
      };
    }
  }
}
