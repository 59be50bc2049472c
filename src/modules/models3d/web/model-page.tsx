import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, PenLine, Trash2 } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { api, apiErrorOf, safeJson } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { QueryState } from '../../../web/components/query-state.js';
import { Spinner } from '../../../web/components/spinner.js';
import type { ModelDetail } from '../contract.js';
import { areaOptionsOf, livingArea, polygonArea } from '../domain/geometry.js';
import { figuresLine, sizeLabel } from './format.js';

// Three.js and its React bindings are large; they load when a model is opened.
const ModelViewer = lazy(() => import('./model-viewer.js').then((m) => ({ default: m.ModelViewer })));

type Format = 'glb' | 'obj' | 'fbx';
interface ExportFormat {
  format: Format;
  available: boolean;
  reason: string | null;
}

async function download(id: string, format: Format) {
  const response = await fetch(`/api/3d/models/${id}/export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ format }),
    credentials: 'same-origin',
  });
  if (!response.ok) throw apiErrorOf(response.status, response.statusText, safeJson(await response.text()));
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `modell.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** The iframe code for the broker's own website; the tour shows while the listing is on the market. */
function EmbedCode({ modelId, hasListing }: { modelId: string; hasListing: boolean }) {
  const { t } = useTranslation();
  const code = `<iframe src="${window.location.origin}/embed/3d/${modelId}" title="3D-Rundgang" width="100%" height="480" style="border:0" allow="fullscreen" loading="lazy"></iframe>`;
  return (
    <Card className="mt-6">
      <h2 className="text-sm font-semibold text-slate-900">{t('models3d:embed.title')}</h2>
      <p className="mt-1 text-sm text-slate-500">
        {hasListing ? t('models3d:embed.hint') : t('models3d:embed.noListing')}
      </p>
      <div className="mt-2 flex gap-2">
        <input
          readOnly
          aria-label={t('models3d:embed.title')}
          value={code}
          className="block w-full rounded-lg border-0 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-700 ring-1 ring-inset ring-slate-200"
          onFocus={(e) => e.target.select()}
        />
        <Button
          variant="secondary"
          onClick={() =>
            void navigator.clipboard
              .writeText(code)
              .then(() => toast.success(t('models3d:embed.copied')))
              .catch(() => toast.error(t('models3d:embed.copyFailed')))
          }
        >
          {t('models3d:embed.copy')}
        </Button>
      </div>
    </Card>
  );
}

export function ModelPage() {
  const { modelId = '' } = useParams();
  const query = useQuery({
    queryKey: ['models3d', 'one', modelId],
    queryFn: () => api<ModelDetail>(`/3d/models/${modelId}`),
  });
  return <QueryState query={query}>{(model) => <ModelView model={model} />}</QueryState>;
}

function ModelView({ model }: { model: ModelDetail }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canWrite = hasPermission(useMe().data, 'models3d.write');
  const [deleting, setDeleting] = useState(false);
  const remove = useMutation({
    mutationFn: () => api(`/3d/models/${model.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      toast.success(t('models3d:deleted'));
      await queryClient.invalidateQueries({ queryKey: ['models3d'] });
      navigate('/3d');
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const formats = useQuery({
    queryKey: ['models3d', 'export-formats'],
    queryFn: () => api<{ items: ExportFormat[] }>('/3d/export-formats'),
    staleTime: 5 * 60_000,
  });
  const exporting = useMutation({
    mutationFn: (format: Format) => download(model.id, format),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const saveSnapshot = async (image: Blob) => {
    try {
      await api(`/3d/models/${model.id}/thumbnail`, { method: 'PUT', raw: image });
      toast.success(t('models3d:snapshotSaved'));
      await queryClient.invalidateQueries({ queryKey: ['models3d', 'list'] });
    } catch (error) {
      toast.error(errorMessage(error, t));
    }
  };
  const understood = model.sourceInput.understood as string[] | undefined;
  const fmt = (n: number) =>
    n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 2 });

  return (
    <>
      <Link to="/3d" className="text-sm text-slate-500 hover:underline">
        ← {t('models3d:back')}
      </Link>
      <div className="mb-4 mt-2 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{model.name}</h1>
          <p className="mt-1 text-sm text-slate-500" data-testid="model-figures">
            {figuresLine(t, model.figures, i18n.language)}
          </p>
          <p className="text-xs text-slate-400">
            {t('models3d:glb', {
              triangles: model.glb.triangles.toLocaleString('de-DE'),
              size: sizeLabel(model.glb.bytes, i18n.language),
              millis: model.glb.millis,
            })}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {(formats.data?.items ?? [{ format: 'glb', available: true, reason: null }]).map((f) => (
            <Button
              key={f.format}
              variant="secondary"
              icon={<Download className="size-4" />}
              loading={exporting.isPending && exporting.variables === f.format}
              disabled={!f.available}
              title={f.reason ?? undefined}
              onClick={() => exporting.mutate(f.format)}
            >
              {t(`models3d:export.${f.format}`)}
            </Button>
          ))}
          {canWrite ? (
            <Link
              to={`/3d/${model.id}/bearbeiten`}
              className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
            >
              <PenLine className="size-4" />
              {t('models3d:editor.open')}
            </Link>
          ) : null}
          {canWrite ? (
            <Button variant="ghost" icon={<Trash2 className="size-4" />} onClick={() => setDeleting(true)}>
              {t('models3d:delete')}
            </Button>
          ) : null}
        </div>
      </div>
      {model.sourceInput.interpretedBy === 'ki' ? (
        <p className="mb-4 rounded-lg bg-sky-50 p-3 text-sm text-sky-900 ring-1 ring-sky-200">
          {t('models3d:readByAi', {
            provider: String(model.sourceInput.provider),
            model: String(model.sourceInput.model),
          })}
        </p>
      ) : null}
      {typeof model.sourceInput.aiFailure === 'string' ? (
        <p className="mb-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
          {t('models3d:aiFailed', { reason: model.sourceInput.aiFailure })}
        </p>
      ) : null}
      {understood ? (
        <p className="mb-4 rounded-lg bg-sky-50 p-3 text-sm text-sky-900 ring-1 ring-sky-200">
          {understood.length > 0
            ? t('models3d:understood', { items: understood.join(', ') })
            : t('models3d:understoodNothing')}{' '}
          {t('models3d:textOffline')}
        </p>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-[3fr_1fr]">
        <Suspense fallback={<Spinner label={t('models3d:loading')} />}>
          <ModelViewer
            url={model.glb.url}
            floors={model.model.floors.map((f) => ({ name: f.name, elevation: f.elevation }))}
            {...(canWrite ? { onSnapshot: saveSnapshot } : {})}
          />
        </Suspense>
        <Card>
          <h2 className="text-sm font-semibold text-slate-900">{t('models3d:rooms')}</h2>
          {model.model.floors.map((floor) => (
            <div key={floor.id} className="mt-3">
              {model.model.floors.length > 1 ? (
                <p className="text-xs font-semibold text-slate-500">{floor.name}</p>
              ) : null}
              <table className="mt-1 w-full text-sm" data-testid="room-table">
                <thead>
                  <tr className="text-left text-xs text-slate-500">
                    <th className="py-1 font-medium">{t('models3d:room')}</th>
                    <th className="py-1 text-right font-medium">{t('models3d:area')}</th>
                    <th className="py-1 text-right font-medium">{t('models3d:living')}</th>
                  </tr>
                </thead>
                <tbody>
                  {floor.rooms.map((room) => (
                    <tr key={room.id} className="border-t border-slate-100">
                      <td className="py-1 text-slate-800">{room.name}</td>
                      <td className="whitespace-nowrap py-1 pl-2 text-right tabular-nums">
                        {fmt(polygonArea(room.polygon))} m²
                      </td>
                      <td className="whitespace-nowrap py-1 pl-2 text-right tabular-nums">
                        {fmt(livingArea(room, areaOptionsOf(model.model)))} m²
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </Card>
      </div>
      <EmbedCode modelId={model.id} hasListing={model.propertyId !== null} />
      <ConfirmDialog
        open={deleting}
        title={t('models3d:deleteTitle')}
        text={t('models3d:deleteText')}
        confirmLabel={t('models3d:delete')}
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </>
  );
}
