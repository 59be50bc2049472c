import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ChartLine, FileDown } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { formatCents, formatDateTime, formatNumber } from '../../../platform/format/format-de.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import { ApiError, api } from '../../../web/api/client.js';
import { errorMessage, fieldErrors } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { CONDITIONS, OBJECT_TYPES } from '../../crm/domain/property-enums.js';
import { PropertyPicker } from '../../crm/web/property-picker.js';
import type {
  AnalysisInput,
  AnalysisView,
  ComparablesQuery,
  ComparablesResult,
  ErtragswertRequest,
  RateOverrides,
  SachwertRequest,
  SubjectInput,
} from '../contract.js';
import type { Place } from '../domain/local-projection.js';
import { ComparablesMap } from './comparables-map.js';
import { ComparablesTable } from './comparables-table.js';
import { IncomeCostForms } from './income-cost-forms.js';
import { readNumber, writeNumber } from './number-input.js';
import { PageFrame } from './page-frame.js';
import { RatesPanel } from './rates-panel.js';
import { SourcesFooter } from './sources-footer.js';
import { StepsTable } from './steps-table.js';

interface Prefill {
  propertyId: string;
  title: string;
  priceCents: number | null;
  missing: string[];
  subject: Omit<SubjectInput, 'livingArea'> & { livingArea: number | null };
}

const EMPTY_FORM = {
  marketingType: 'kauf',
  objectType: 'wohnung',
  city: '',
  postalCode: '',
  livingArea: '',
  rooms: '',
  yearBuilt: '',
  condition: '',
  floor: '',
  lakeView: false,
  shore: '',
  valuationDate: todayInBerlin(),
  radius: '10',
  latitude: null as number | null,
  longitude: null as number | null,
};
type Form = typeof EMPTY_FORM;

const formOf = (s: Prefill['subject'], radius = '10'): Form => ({
  marketingType: s.marketingType,
  objectType: s.objectType,
  city: s.city,
  postalCode: s.postalCode,
  livingArea: writeNumber(s.livingArea),
  rooms: writeNumber(s.rooms, 1),
  yearBuilt: s.yearBuilt === null ? '' : String(s.yearBuilt),
  condition: s.condition ?? '',
  floor: s.floor === null ? '' : String(s.floor),
  lakeView: s.lakeView,
  shore: s.shoreDistanceM === null ? '' : String(s.shoreDistanceM),
  valuationDate: s.valuationDate,
  radius,
  latitude: s.latitude,
  longitude: s.longitude,
});

const LINK_BUTTON =
  'inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50';
/** Numbers the server checks again; NaN goes through so its 400 names the field. */
function queryOf(f: Form, rates: RateOverrides, propertyId: string): ComparablesQuery {
  const num = (s: string) => readNumber(s);
  return {
    subject: {
      marketingType: f.marketingType as SubjectInput['marketingType'],
      objectType: f.objectType as SubjectInput['objectType'],
      city: f.city,
      postalCode: f.postalCode,
      latitude: f.latitude,
      longitude: f.longitude,
      livingArea: num(f.livingArea) ?? 0,
      rooms: num(f.rooms),
      yearBuilt: num(f.yearBuilt),
      condition: (f.condition || null) as SubjectInput['condition'],
      floor: num(f.floor),
      lakeView: f.lakeView,
      shoreDistanceM: num(f.shore),
      valuationDate: f.valuationDate,
    },
    radiusKm: num(f.radius),
    polygon: null,
    livingAreaMin: null,
    livingAreaMax: null,
    roomsMin: null,
    roomsMax: null,
    yearBuiltMin: null,
    yearBuiltMax: null,
    conditions: [],
    priceKinds: ['verkauf', 'angebot'],
    since: null,
    limit: 30,
    rates,
    excludePropertyId: propertyId || null,
  };
}

export function ValuationPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const canWrite = hasPermission(useMe().data, 'market.write');
  const [params, setParams] = useSearchParams();
  const propertyId = params.get('objekt') ?? '';
  const [form, setForm] = useState<Form>(EMPTY_FORM);
  const [rates, setRates] = useState<RateOverrides>({});
  const [inExpose, setInExpose] = useState(false);
  const [ertrag, setErtrag] = useState<ErtragswertRequest | null>(null);
  const [sach, setSach] = useState<SachwertRequest | null>(null);

  const prefill = useQuery({
    queryKey: ['market', 'subject', propertyId],
    queryFn: () => api<Prefill>(`/market/subject/${propertyId}`),
    enabled: Boolean(propertyId),
  });
  const saved = useQuery({
    queryKey: ['market', 'analysis', propertyId],
    queryFn: () =>
      api<AnalysisView>(`/market/analyses/${propertyId}`).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    enabled: Boolean(propertyId),
  });

  const search = useMutation({
    mutationFn: (q: ComparablesQuery) =>
      api<ComparablesResult>('/market/comparables', { method: 'POST', body: q }),
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  useEffect(() => {
    if (!propertyId) return;
    if (saved.data) {
      const q = saved.data.input.query;
      setForm(formOf({ ...q.subject }, writeNumber(q.radiusKm)));
      setRates(q.rates);
      setInExpose(saved.data.inExpose);
      setErtrag(saved.data.input.ertragswert);
      setSach(saved.data.input.sachwert);
    } else if (prefill.data && saved.data === null) {
      setForm(formOf(prefill.data.subject));
      setRates({});
      // Another property's Ertrags- or Sachwert must not be saved with this one.
      setErtrag(null);
      setSach(null);
    }
  }, [propertyId, prefill.data, saved.data]);

  const save = useMutation({
    mutationFn: (body: AnalysisInput) =>
      api<AnalysisView>(`/market/analyses/${propertyId}`, { method: 'PUT', body }),
    onSuccess: (data) => {
      queryClient.setQueryData(['market', 'analysis', propertyId], data);
      toast.success(t('market:save.saved'));
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  const run = (nextRates = rates) => search.mutate(queryOf(form, nextRates, propertyId));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run();
  };
  const errors = fieldErrors(search.error);
  const err = (field: string) => errors[`subject.${field}`] ?? errors[field] ?? null;
  const set = (key: keyof Form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const result = search.data ?? (saved.data && !search.isPending ? saved.data.result.comparables : undefined);

  return (
    <PageFrame>
      <div className="space-y-6">
        <Card title={t('market:subject.title')}>
          <form className="space-y-3" onSubmit={submit} noValidate>
            <PropertyPicker
              label={t('market:subject.property')}
              value={propertyId}
              emptyLabel={t('market:subject.none')}
              onChange={(id) => {
                search.reset();
                if (!id) setForm(EMPTY_FORM);
                setParams(id ? { objekt: id } : {});
              }}
            />
            {prefill.data?.missing.length ? (
              <p className="text-xs text-amber-700">
                {t('market:subject.missing', { list: prefill.data.missing.join(', ') })}
              </p>
            ) : null}
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
              <SelectField
                label={t('market:subject.marketingType')}
                value={form.marketingType}
                onChange={set('marketingType')}
                options={[
                  { value: 'kauf', label: t('market:kauf') },
                  { value: 'miete', label: t('market:miete') },
                ]}
              />
              <SelectField
                label={t('market:subject.objectType')}
                value={form.objectType}
                onChange={set('objectType')}
                options={OBJECT_TYPES.map((o) => ({ value: o, label: t(`crm:enum.objectType.${o}`) }))}
              />
              <TextField
                label={t('market:subject.postalCode')}
                value={form.postalCode}
                onChange={set('postalCode')}
                error={err('postalCode')}
                inputMode="numeric"
              />
              <TextField
                label={t('market:subject.city')}
                value={form.city}
                onChange={set('city')}
                error={err('city')}
              />
              <TextField
                label={t('market:subject.livingArea')}
                value={form.livingArea}
                onChange={set('livingArea')}
                error={err('livingArea')}
                inputMode="decimal"
              />
              <TextField
                label={t('market:subject.rooms')}
                value={form.rooms}
                onChange={set('rooms')}
                error={err('rooms')}
                inputMode="decimal"
              />
              <TextField
                label={t('market:subject.yearBuilt')}
                value={form.yearBuilt}
                onChange={set('yearBuilt')}
                error={err('yearBuilt')}
                inputMode="numeric"
              />
              <SelectField
                label={t('market:subject.condition')}
                value={form.condition}
                onChange={set('condition')}
                options={[
                  { value: '', label: t('market:subject.conditionUnknown') },
                  ...CONDITIONS.map((c) => ({ value: c, label: t(`crm:enum.condition.${c}`) })),
                ]}
              />
              <TextField
                label={t('market:subject.floor')}
                value={form.floor}
                onChange={set('floor')}
                error={err('floor')}
                inputMode="numeric"
              />
              <TextField
                label={t('market:subject.shore')}
                value={form.shore}
                onChange={set('shore')}
                error={err('shoreDistanceM')}
                inputMode="numeric"
              />
              <TextField
                label={t('market:subject.valuationDate')}
                type="date"
                value={form.valuationDate}
                onChange={set('valuationDate')}
                error={err('valuationDate')}
              />
              <TextField
                label={t('market:subject.radius')}
                value={form.radius}
                onChange={set('radius')}
                error={err('radiusKm')}
                inputMode="decimal"
              />
            </div>
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={form.lakeView}
                onChange={(e) => setForm((f) => ({ ...f, lakeView: e.target.checked }))}
              />
              {t('market:subject.lakeView')}
            </label>
            <p className="text-xs text-slate-500">
              {form.latitude !== null && form.longitude !== null
                ? t('market:subject.coordinates', {
                    lat: formatNumber(form.latitude, lang, 4),
                    lon: formatNumber(form.longitude, lang, 4),
                  })
                : t('market:subject.noCoordinates')}
            </p>
            <Button type="submit" loading={search.isPending} className="w-full sm:w-auto">
              {t('market:subject.search')}
            </Button>
          </form>
        </Card>
        <div className="min-w-0 space-y-6">
          {!result ? (
            <Card>
              <EmptyState icon={ChartLine} title={t('market:result.empty')} />
            </Card>
          ) : (
            <ResultView
              result={result}
              subject={
                form.latitude !== null && form.longitude !== null
                  ? { latitude: form.latitude, longitude: form.longitude }
                  : null
              }
              askingCents={prefill.data?.priceCents ?? null}
              onRates={(next) => {
                setRates(next);
                run(next);
              }}
              rates={rates}
            />
          )}
          {result ? (
            <IncomeCostForms
              key={propertyId || 'frei'}
              ertragswert={ertrag}
              sachwert={sach}
              onErtragswert={setErtrag}
              onSachwert={setSach}
              saved={saved.data ? saved.data.result : null}
            />
          ) : null}
          {result && canWrite ? (
            <Card title={t('market:save.title')}>
              {propertyId ? (
                <div className="flex flex-wrap items-center gap-4">
                  <label className="flex items-center gap-2 text-sm text-slate-700">
                    <input
                      type="checkbox"
                      checked={inExpose}
                      onChange={(e) => setInExpose(e.target.checked)}
                    />
                    {t('market:save.inExpose')}
                  </label>
                  <Button
                    loading={save.isPending}
                    onClick={() =>
                      save.mutate({
                        query: queryOf(form, rates, propertyId),
                        marktanpassung: 1,
                        besondereMerkmaleCents: 0,
                        ertragswert: ertrag,
                        sachwert: sach,
                        inExpose,
                      })
                    }
                  >
                    {t('market:save.button')}
                  </Button>
                  {saved.data ? (
                    <>
                      <span className="text-xs text-slate-500">
                        {t('market:save.savedAt', { when: formatDateTime(saved.data.updatedAt, lang) })}
                      </span>
                      <a
                        href={`/api/market/analyses/${propertyId}/report.pdf`}
                        download
                        className={LINK_BUTTON}
                      >
                        <FileDown className="size-4" aria-hidden="true" />
                        {t('market:save.report')}
                      </a>
                      {saved.data.inExpose ? (
                        <a href={`/api/crm/properties/${propertyId}/expose.pdf`} className={LINK_BUTTON}>
                          <FileDown className="size-4" aria-hidden="true" />
                          {t('market:save.expose')}
                        </a>
                      ) : null}
                    </>
                  ) : null}
                </div>
              ) : (
                <p className="text-sm text-slate-600">{t('market:save.needProperty')}</p>
              )}
            </Card>
          ) : null}
        </div>
      </div>
    </PageFrame>
  );
}

function Figure({
  label,
  value,
  lines,
  testId,
}: {
  label: string;
  value: string;
  lines: string[];
  testId: string;
}) {
  return (
    <div className="rounded-lg bg-slate-50 p-4" data-testid={testId}>
      <p className="text-xs text-slate-500">{label}</p>
      <p className="text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
      {lines.map((l) => (
        <p key={l} className="mt-0.5 text-xs text-slate-600">
          {l}
        </p>
      ))}
    </div>
  );
}

function ResultView({
  result,
  subject,
  askingCents,
  rates,
  onRates,
}: {
  result: ComparablesResult;
  subject: Place | null;
  askingCents: number | null;
  rates: RateOverrides;
  onRates: (r: RateOverrides) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const euro = (c: number | null) => formatCents(c, lang, { whole: true });
  const s = result.summary;
  const e = result.estimate;
  if (result.comparables.length === 0)
    return (
      <Card>
        <EmptyState icon={ChartLine} title={t('market:result.none')} />
      </Card>
    );
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <Figure
          testId="vergleichswert"
          label={t('market:result.vergleichswert')}
          value={result.vergleichswert ? euro(result.vergleichswert.valueCents) : '–'}
          lines={[
            s.lowCents !== null
              ? t('market:result.range', { low: euro(s.lowCents), high: euro(s.highCents) })
              : (result.vergleichswertError ?? ''),
            t('market:result.perSqm', { value: euro(s.meanPerSqmCents) }),
            t('market:result.candidates', {
              candidates: result.candidates,
              used: s.used,
              outliers: s.outliers,
            }),
            ...(askingCents !== null ? [`${t('market:result.asking')}: ${euro(askingCents)}`] : []),
          ]}
        />
        <Figure
          testId="estimate"
          label={t('market:result.estimate')}
          value={e ? euro(e.priceCents) : '–'}
          lines={
            e
              ? [
                  t('market:result.interval', { low: euro(e.lowCents), high: euro(e.highCents) }),
                  t('market:result.perSqm', { value: euro(e.pricePerSqmCents) }),
                  t('market:result.basedOn', { n: e.observations }),
                ]
              : [t('market:result.noEstimate')]
          }
        />
      </div>
      {e?.contributions.length ? (
        <Card title={t('market:result.contributions')}>
          <ul className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
            {e.contributions.slice(0, 8).map((c) => (
              <li key={c.feature} className="flex justify-between gap-2">
                <span>{c.label}</span>
                <span className={`tabular-nums ${c.percent >= 0 ? 'text-emerald-700' : 'text-red-700'}`}>
                  {c.percent > 0 ? '+' : ''}
                  {formatNumber(c.percent, lang, 1)} %
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title={t('market:map.title')}>
        <ComparablesMap subject={subject} rows={result.comparables} />
      </Card>
      <Card title={t('market:table.title')}>
        <ComparablesTable rows={result.comparables} />
        <SourcesFooter sources={result.sources} />
      </Card>
      <RatesPanel view={result.rates} overrides={rates} onApply={onRates} />
      {result.vergleichswert ? (
        <Card title={t('market:result.vergleichswert')}>
          <StepsTable valuation={result.vergleichswert} />
        </Card>
      ) : null}
    </>
  );
}
