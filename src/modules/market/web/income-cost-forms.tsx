import { useTranslation } from 'react-i18next';
import type { ErtragswertRequest, SachwertRequest, ValuationView } from '../contract.js';
import { type FieldValues, type MethodField, MethodForm, toNumber, toText } from './method-form.js';

const ERTRAG_FIELDS: MethodField[] = [
  { key: 'verfahren', unit: 'number' },
  { key: 'jahresrohertragCents', unit: 'euro' },
  { key: 'verwaltungskostenCents', unit: 'euro' },
  { key: 'instandhaltungskostenCents', unit: 'euro' },
  { key: 'mietausfallwagnisPercent', unit: 'percent' },
  { key: 'betriebskostenCents', unit: 'euro' },
  { key: 'bodenwertCents', unit: 'euro' },
  { key: 'liegenschaftszinsPercent', unit: 'percent' },
  { key: 'restnutzungsdauerYears', unit: 'years' },
  { key: 'besondereMerkmaleCents', unit: 'euro' },
  { key: 'factorDecimals', unit: 'number' },
];

/** One building in the form (the API takes up to ten); its fields sit under buildings.0. */
const BUILDING_KEYS = [
  'nhk2010EuroPerSqm',
  'bruttoGrundflaecheSqm',
  'baupreisindex',
  'regionalfaktor',
  'gesamtnutzungsdauerYears',
  'restnutzungsdauerYears',
] as const;
const SACH_FIELDS: MethodField[] = [
  ...BUILDING_KEYS.map((key) => ({
    key: key === 'restnutzungsdauerYears' ? 'gebaeudeRestnutzungsdauerYears' : key,
    path: `buildings.0.${key}`,
    unit: (key.endsWith('Years') ? 'years' : 'number') as MethodField['unit'],
  })),
  { key: 'aussenanlagenCents', unit: 'euro' },
  { key: 'bodenwertCents', unit: 'euro' },
  { key: 'sachwertfaktor', unit: 'number' },
  { key: 'besondereMerkmaleCents', unit: 'euro' },
];

function textsOf(fields: MethodField[], values: Record<string, number | undefined>): FieldValues {
  return Object.fromEntries(fields.map((f) => [f.key, toText(values[f.key], f.unit)]));
}

/** Ertrags- and Sachwert beside the comparables; each result is kept for the saved analysis. */
export function IncomeCostForms({
  ertragswert,
  sachwert,
  onErtragswert,
  onSachwert,
  saved,
}: {
  ertragswert: ErtragswertRequest | null;
  sachwert: SachwertRequest | null;
  /** The saved analysis' results, shown until recalculated. */
  saved: { ertragswert: ValuationView | null; sachwert: ValuationView | null } | null;
  onErtragswert: (input: ErtragswertRequest | null) => void;
  onSachwert: (input: SachwertRequest | null) => void;
}) {
  const { t } = useTranslation();
  const ertragFields = ERTRAG_FIELDS.map((f) =>
    f.key === 'verfahren'
      ? {
          ...f,
          choices: [
            { value: 'allgemein', label: t('market:method.allgemein') },
            { value: 'vereinfacht', label: t('market:method.vereinfacht') },
          ],
        }
      : f.key === 'factorDecimals'
        ? {
            ...f,
            choices: [
              { value: '', label: t('market:method.factorExact') },
              { value: '2', label: t('market:method.factorTable') },
            ],
          }
        : f,
  );
  const ertragInitial: FieldValues = ertragswert
    ? {
        ...textsOf(ERTRAG_FIELDS, ertragswert as unknown as Record<string, number>),
        verfahren: ertragswert.verfahren,
        factorDecimals: ertragswert.factorDecimals === undefined ? '' : String(ertragswert.factorDecimals),
      }
    : {
        verfahren: 'allgemein',
        mietausfallwagnisPercent: '2',
        betriebskostenCents: '0',
        besondereMerkmaleCents: '0',
      };
  const building = sachwert?.buildings[0];
  const sachInitial: FieldValues = sachwert
    ? {
        ...textsOf(SACH_FIELDS, sachwert as unknown as Record<string, number>),
        ...Object.fromEntries(
          BUILDING_KEYS.map((k) => [
            k === 'restnutzungsdauerYears' ? 'gebaeudeRestnutzungsdauerYears' : k,
            toText(building?.[k], 'number'),
          ]),
        ),
      }
    : { regionalfaktor: '1', sachwertfaktor: '1', aussenanlagenCents: '0', besondereMerkmaleCents: '0' };
  return (
    <>
      <MethodForm<ErtragswertRequest>
        title={t('market:method.ertragTitle')}
        endpoint="/market/valuations/ertragswert"
        fields={ertragFields}
        initial={ertragInitial}
        testId="ertragswert"
        saved={saved?.ertragswert ?? null}
        onResult={onErtragswert}
        build={(v) => ({
          verfahren: v.verfahren === 'vereinfacht' ? 'vereinfacht' : 'allgemein',
          jahresrohertragCents: toNumber(v.jahresrohertragCents ?? '', 'euro'),
          verwaltungskostenCents: toNumber(v.verwaltungskostenCents ?? '', 'euro'),
          instandhaltungskostenCents: toNumber(v.instandhaltungskostenCents ?? '', 'euro'),
          mietausfallwagnisPercent: toNumber(v.mietausfallwagnisPercent ?? '', 'percent'),
          betriebskostenCents: toNumber(v.betriebskostenCents || '0', 'euro'),
          bodenwertCents: toNumber(v.bodenwertCents ?? '', 'euro'),
          liegenschaftszinsPercent: toNumber(v.liegenschaftszinsPercent ?? '', 'percent'),
          restnutzungsdauerYears: toNumber(v.restnutzungsdauerYears ?? '', 'years'),
          besondereMerkmaleCents: toNumber(v.besondereMerkmaleCents || '0', 'euro'),
          ...(v.factorDecimals === '2' ? { factorDecimals: 2 } : {}),
        })}
      />
      <MethodForm<SachwertRequest>
        title={t('market:method.sachTitle')}
        endpoint="/market/valuations/sachwert"
        fields={SACH_FIELDS}
        initial={sachInitial}
        testId="sachwert"
        saved={saved?.sachwert ?? null}
        onResult={onSachwert}
        build={(v) => ({
          buildings: [
            {
              label: t('market:method.building'),
              nhk2010EuroPerSqm: toNumber(v.nhk2010EuroPerSqm ?? '', 'number'),
              bruttoGrundflaecheSqm: toNumber(v.bruttoGrundflaecheSqm ?? '', 'number'),
              baupreisindex: toNumber(v.baupreisindex ?? '', 'number'),
              regionalfaktor: toNumber(v.regionalfaktor || '1', 'number'),
              gesamtnutzungsdauerYears: toNumber(v.gesamtnutzungsdauerYears ?? '', 'years'),
              restnutzungsdauerYears: toNumber(v.gebaeudeRestnutzungsdauerYears ?? '', 'years'),
            },
          ],
          aussenanlagenCents: toNumber(v.aussenanlagenCents || '0', 'euro'),
          bodenwertCents: toNumber(v.bodenwertCents ?? '', 'euro'),
          sachwertfaktor: toNumber(v.sachwertfaktor ?? '', 'number'),
          besondereMerkmaleCents: toNumber(v.besondereMerkmaleCents || '0', 'euro'),
        })}
      />
    </>
  );
}
