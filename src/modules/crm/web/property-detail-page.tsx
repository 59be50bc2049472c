import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  AlertTriangle,
  Calculator,
  Clapperboard,
  ExternalLink,
  FileDown,
  Sparkles,
  Trash2,
} from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { PropertyDetail } from '../contract.js';
import { DocumentsSlot, useDocumentsEnabled } from './documents-slot.js';
import { formatEuro, headlinePrice, STATUS_TONE } from './format.js';
import { MatchesList } from './matches-list.js';
import { MediaManager } from './media-manager.js';
import { OwnerReportSlot, useOwnerReportEnabled } from './owner-report-slot.js';
import { PortalsSlot, usePortalsEnabled } from './portals-slot.js';
import { ProjectsSlot, useProjectsEnabled } from './projects-slot.js';
import { PropertyForm } from './property-form.js';
import { Timeline } from './timeline.js';
import { useViewingsEnabled, ViewingStatsSlot } from './viewings-slot.js';

const TABS = [
  'details',
  'media',
  'portals',
  'documents',
  'projects',
  'viewings',
  'ownerReport',
  'matches',
  'timeline',
] as const;
type Tab = (typeof TABS)[number];

export function PropertyDetailPage() {
  const { propertyId = '' } = useParams();
  const query = useQuery({
    queryKey: ['crm', 'property', propertyId],
    queryFn: () => api<PropertyDetail>(`/crm/properties/${propertyId}`),
  });
  return <QueryState query={query}>{(property) => <PropertyDetailView property={property} />}</QueryState>;
}

function PropertyDetailView({ property }: { property: PropertyDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const hasDocuments = useDocumentsEnabled();
  const hasProjects = useProjectsEnabled();
  const hasViewings = useViewingsEnabled();
  const hasPortals = usePortalsEnabled();
  const hasOwnerReport = useOwnerReportEnabled();
  const tabs = TABS.filter(
    (id) =>
      (id !== 'portals' || hasPortals) &&
      (id !== 'documents' || hasDocuments) &&
      (id !== 'projects' || hasProjects) &&
      (id !== 'viewings' || hasViewings) &&
      (id !== 'ownerReport' || hasOwnerReport),
  );
  const tab: Tab = tabs.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'details';
  const [deleting, setDeleting] = useState(false);
  const tabList = useRef<HTMLDivElement>(null);
  // On a phone the tab row scrolls sideways: a tab opened by link must not hide off-screen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the DOM read depends on which tab is selected
  useEffect(() => {
    const list = tabList.current;
    const active = list?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (list && active) list.scrollLeft = active.offsetLeft - list.offsetLeft - 16;
  }, [tab]);
  const canWrite = hasPermission(me, 'crm.properties.write');
  // The AI Studio is an optional module: link to it only when the office has it switched on.
  const canUseFinance = Boolean(me?.nav.some((entry) => entry.module === 'finance'));
  const canUseAi =
    Boolean(me?.nav.some((entry) => entry.module === 'ai')) && hasPermission(me, 'ai.generate');
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['crm', 'property', property.id] }),
      queryClient.invalidateQueries({ queryKey: ['crm', 'properties'] }),
      queryClient.invalidateQueries({ queryKey: ['crm', 'matches'] }),
    ]);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api(`/crm/properties/${property.id}`, { method: 'PATCH', body }),
    onSuccess: async () => {
      toast.success(t('crm:common.saved'));
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const changeStatus = useMutation({
    mutationFn: (status: string) =>
      api(`/crm/properties/${property.id}/status`, { method: 'POST', body: { status } }),
    onSuccess: async (_d, status) => {
      toast.success(t('crm:properties.statusChanged', { status: t(`crm:enum.status.${status}`) }));
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const remove = useMutation({
    mutationFn: () => api(`/crm/properties/${property.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      toast.success(t('crm:properties.deleted'));
      await queryClient.invalidateQueries({ queryKey: ['crm', 'properties'] });
      navigate('/objekte');
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const isPublic = property.status === 'aktiv' || property.status === 'reserviert';

  return (
    <>
      <Link to="/objekte" className="text-sm text-slate-500 hover:underline">
        ← {t('crm:properties.back')}
      </Link>
      <div className="mb-6 mt-2 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{property.title}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <Badge tone={STATUS_TONE[property.status]}>{t(`crm:enum.status.${property.status}`)}</Badge>
            <span>
              {property.externalId} · {property.postalCode} {property.city} ·{' '}
              {formatEuro(headlinePrice(property), i18n.language)}
            </span>
            {property.isDemo ? <Badge>{t('crm:common.demo')}</Badge> : null}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {isPublic ? (
            <a
              href={property.publicUrl}
              target="_blank"
              rel="noreferrer"
              className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              <ExternalLink className="size-4" aria-hidden="true" />
              {t('crm:properties.publicPage')}
            </a>
          ) : null}
          <a
            href={`/api/crm/properties/${property.id}/expose.pdf`}
            className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            <FileDown className="size-4" aria-hidden="true" />
            {t('crm:properties.expose')}
          </a>
          {canUseFinance ? (
            <Link
              to={`/finanzierung?propertyId=${property.id}`}
              className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              <Calculator className="size-4" aria-hidden="true" />
              {t('crm:properties.financeIt')}
            </Link>
          ) : null}
          {canUseAi ? (
            <>
              <Link
                to={`/ki?propertyId=${property.id}`}
                className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              >
                <Sparkles className="size-4" aria-hidden="true" />
                {t('crm:properties.writeWithAi')}
              </Link>
              <Link
                to={`/ki/medien?propertyId=${property.id}`}
                className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              >
                <Clapperboard className="size-4" aria-hidden="true" />
                {t('crm:properties.graphicsAndReel')}
              </Link>
            </>
          ) : null}
          {canWrite
            ? property.allowedTransitions.map((status) => (
                <Button
                  key={status}
                  variant={status === 'aktiv' ? 'primary' : 'secondary'}
                  loading={changeStatus.isPending && changeStatus.variables === status}
                  onClick={() => changeStatus.mutate(status)}
                >
                  {t('crm:properties.setStatus', { status: t(`crm:enum.status.${status}`) })}
                </Button>
              ))
            : null}
          {hasPermission(me, 'crm.properties.delete') &&
          (property.status === 'entwurf' || property.status === 'archiviert') ? (
            <Button variant="ghost" icon={<Trash2 className="size-4" />} onClick={() => setDeleting(true)}>
              {t('crm:common.delete')}
            </Button>
          ) : null}
        </div>
      </div>

      {property.warnings.length > 0 ? (
        <div role="status" className="mb-6 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200">
          <p className="flex items-center gap-2 text-sm font-semibold text-amber-900">
            <AlertTriangle className="size-4" aria-hidden="true" />
            {t('crm:properties.warnings')}
          </p>
          <ul
            className="mt-2 list-disc space-y-1 pl-6 text-sm text-amber-900"
            data-testid="property-warnings"
          >
            {property.warnings.map((w) => (
              <li key={w.code}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div ref={tabList} role="tablist" className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200">
        {tabs.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            onClick={() => setParams(id === 'details' ? {} : { tab: id })}
            className={`-mb-px shrink-0 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium sm:px-4 ${
              tab === id
                ? 'border-brand text-brand'
                : 'border-transparent text-slate-500 hover:text-slate-800'
            }`}
          >
            {t(`crm:properties.tabs.${id}`)}
            {id === 'media' ? ` (${property.media.length})` : ''}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'details' ? (
          <PropertyForm
            key={property.updatedAt}
            initial={property}
            submitLabel={t('crm:common.save')}
            busy={save.isPending}
            error={save.error}
            onSubmit={(body) => save.mutate(body)}
            readOnly={!canWrite}
          />
        ) : null}
        {tab === 'media' ? (
          <Card>
            <MediaManager propertyId={property.id} media={property.media} canWrite={canWrite} />
          </Card>
        ) : null}
        {tab === 'portals' ? (
          <Card>
            <PortalsSlot propertyId={property.id} />
          </Card>
        ) : null}
        {tab === 'documents' ? (
          <Card>
            <DocumentsSlot propertyId={property.id} />
          </Card>
        ) : null}
        {tab === 'projects' ? (
          <Card>
            <ProjectsSlot propertyId={property.id} />
          </Card>
        ) : null}
        {tab === 'viewings' ? (
          <Card>
            <ViewingStatsSlot propertyId={property.id} />
          </Card>
        ) : null}
        {tab === 'ownerReport' ? (
          <Card>
            <OwnerReportSlot propertyId={property.id} />
          </Card>
        ) : null}
        {tab === 'matches' ? (
          <Card>
            <MatchesList
              path={`/crm/properties/${property.id}/matches`}
              propertyId={canWrite && isPublic ? property.id : undefined}
            />
          </Card>
        ) : null}
        {tab === 'timeline' ? (
          <Card>
            <Timeline propertyId={property.id} />
          </Card>
        ) : null}
      </div>
      <ConfirmDialog
        open={deleting}
        title={t('crm:properties.deleteTitle')}
        text={t('crm:properties.deleteText')}
        confirmLabel={t('crm:common.delete')}
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </>
  );
}
