import '../i18n.js';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../../../web/api/client.js';
import { Spinner } from '../../../../web/components/spinner.js';
import { figuresLine } from '../format.js';

const ModelViewer = lazy(() => import('../model-viewer.js').then((m) => ({ default: m.ModelViewer })));

interface PublicModel {
  name: string;
  floors: { name: string; elevation: number }[];
  figures: { floors: number; rooms: number; livingArea: number; width: number; depth: number };
  glbUrl: string;
}

/** `/embed/3d/<id>`: the viewer alone, for a listing page or a portal to frame. */
export default function EmbedPage() {
  const { t, i18n } = useTranslation();
  const { modelId = '' } = useParams();
  const model = useQuery({
    queryKey: ['models3d', 'public', modelId],
    queryFn: () => api<PublicModel>(`/3d/public/models/${modelId}`),
    retry: false,
  });
  if (model.isPending) return <Spinner label={t('models3d:loading')} />;
  if (!model.data) return <p className="p-6 text-sm text-slate-600">{t('models3d:embedGone')}</p>;
  return (
    <div className="bg-white p-2" data-testid="embedded-model">
      <p className="mb-2 text-xs text-slate-500">
        {model.data.name} · {figuresLine(t, model.data.figures, i18n.language)}
      </p>
      <Suspense fallback={<Spinner label={t('models3d:loading')} />}>
        <ModelViewer url={model.data.glbUrl} floors={model.data.floors} />
      </Suspense>
    </div>
  );
}
