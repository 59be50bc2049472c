import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  rectSortingStrategy,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { GripVertical, ImagePlus, Star, Trash2 } from 'lucide-react';
import { type DragEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import type { MediaView } from '../contract.js';

/** Upload, sort (drag and drop or keyboard), title image, alt text and delete for a property's images. */
export function MediaManager({
  propertyId,
  media,
  canWrite,
}: {
  propertyId: string;
  media: MediaView[];
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [items, setItems] = useState(media);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const photoInput = useRef<HTMLInputElement>(null);
  const planInput = useRef<HTMLInputElement>(null);
  useEffect(() => setItems(media), [media]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['crm', 'property', propertyId] });
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const upload = async (files: File[], kind: 'photo' | 'floorplan') => {
    if (files.length === 0) return;
    setProgress({ done: 0, total: files.length });
    let ok = 0;
    for (const [i, file] of files.entries()) {
      try {
        await api(`/crm/properties/${propertyId}/media?kind=${kind}`, { method: 'POST', raw: file });
        ok++;
      } catch (error) {
        toast.error(`${file.name}: ${errorMessage(error, t)}`);
      }
      setProgress({ done: i + 1, total: files.length });
    }
    setProgress(null);
    if (ok > 0) toast.success(t('crm:media.uploaded', { count: ok }));
    await refresh();
  };
  const reorder = useMutation({
    mutationFn: (ids: string[]) =>
      api(`/crm/properties/${propertyId}/media-order`, { method: 'PUT', body: { ids } }),
    onSuccess: async () => {
      toast.success(t('crm:media.reordered'));
      await refresh();
    },
    onError: (error) => {
      setItems(media);
      toast.error(errorMessage(error, t));
    },
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) =>
      api(`/crm/media/${id}`, { method: 'PATCH', body }),
    onSuccess: async (_data, { body }) => {
      if ('altText' in body) toast.success(t('crm:media.altSaved'));
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/crm/media/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      toast.success(t('crm:media.deleted'));
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = items.findIndex((m) => m.id === active.id);
    const to = items.findIndex((m) => m.id === over.id);
    const next = arrayMove(items, from, to);
    setItems(next);
    reorder.mutate(next.map((m) => m.id));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragOver(false);
    if (canWrite) void upload([...e.dataTransfer.files], 'photo');
  };

  return (
    <div className="space-y-4">
      {canWrite ? (
        <section
          aria-label={t('crm:media.drop')}
          onDragOver={(e) => {
            e.preventDefault();
            setDragOver(true);
          }}
          onDragLeave={() => setDragOver(false)}
          onDrop={onDrop}
          className={`flex flex-col items-center gap-3 rounded-xl border-2 border-dashed p-6 text-center text-sm ${
            dragOver ? 'border-brand bg-brand/5' : 'border-slate-300'
          }`}
        >
          <ImagePlus className="size-8 text-slate-400" aria-hidden="true" />
          <p className="text-slate-600">{t('crm:media.drop')}</p>
          {progress ? (
            <div className="w-full max-w-sm" role="status">
              <div className="h-2 overflow-hidden rounded bg-slate-200">
                <div
                  className="h-full bg-brand transition-all"
                  style={{ width: `${(progress.done / progress.total) * 100}%` }}
                />
              </div>
              <p className="mt-1 text-xs text-slate-500">{t('crm:media.uploading', progress)}</p>
            </div>
          ) : (
            <div className="flex gap-2">
              <Button onClick={() => photoInput.current?.click()}>{t('crm:media.upload')}</Button>
              <Button variant="secondary" onClick={() => planInput.current?.click()}>
                {t('crm:media.uploadFloorplan')}
              </Button>
            </div>
          )}
          <input
            ref={photoInput}
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp"
            className="sr-only"
            aria-label={t('crm:media.upload')}
            data-testid="photo-input"
            onChange={(e) => {
              void upload([...(e.target.files ?? [])], 'photo');
              e.target.value = '';
            }}
          />
          <input
            ref={planInput}
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp"
            className="sr-only"
            aria-label={t('crm:media.uploadFloorplan')}
            onChange={(e) => {
              void upload([...(e.target.files ?? [])], 'floorplan');
              e.target.value = '';
            }}
          />
        </section>
      ) : null}
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">{t('crm:media.empty')}</p>
      ) : (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={items.map((m) => m.id)} strategy={rectSortingStrategy}>
            <ul
              className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-4"
              aria-label={t('crm:properties.tabs.media')}
            >
              {items.map((m) => (
                <MediaTile
                  key={m.id}
                  media={m}
                  canWrite={canWrite}
                  onTitle={() => update.mutate({ id: m.id, body: { isTitle: true } })}
                  onAlt={(altText) => update.mutate({ id: m.id, body: { altText } })}
                  onDelete={() => remove.mutate(m.id)}
                />
              ))}
            </ul>
          </SortableContext>
        </DndContext>
      )}
    </div>
  );
}

function MediaTile({
  media,
  canWrite,
  onTitle,
  onAlt,
  onDelete,
}: {
  media: MediaView;
  canWrite: boolean;
  onTitle: () => void;
  onAlt: (alt: string) => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: media.id,
    disabled: !canWrite,
  });
  const [alt, setAlt] = useState(media.altText);
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`overflow-hidden rounded-lg bg-white ring-1 ring-slate-200 ${isDragging ? 'z-10 shadow-lg' : ''}`}
    >
      <div className="relative">
        <img
          src={media.urls.thumb}
          alt={media.altText}
          className="aspect-[4/3] w-full object-cover"
          loading="lazy"
        />
        <div className="absolute left-2 top-2 flex gap-1">
          {media.isTitle ? <Badge tone="brand">{t('crm:media.titleImage')}</Badge> : null}
          {media.kind === 'floorplan' ? <Badge>{t('crm:media.floorplan')}</Badge> : null}
        </div>
        {canWrite ? (
          <button
            type="button"
            {...attributes}
            {...listeners}
            aria-label={t('crm:media.dragHandle')}
            className="absolute right-2 top-2 cursor-grab rounded bg-white/90 p-1 text-slate-600 shadow"
          >
            <GripVertical className="size-4" aria-hidden="true" />
          </button>
        ) : null}
      </div>
      <div className="space-y-2 p-2">
        <label className="block text-xs text-slate-500">
          {t('crm:media.altText')}
          <input
            value={alt}
            maxLength={300}
            disabled={!canWrite}
            onChange={(e) => setAlt(e.target.value)}
            onBlur={() => alt !== media.altText && onAlt(alt)}
            className="mt-1 block w-full rounded border-0 px-2 py-1 text-sm text-slate-900 ring-1 ring-inset ring-slate-300"
          />
        </label>
        {canWrite ? (
          <div className="flex justify-between">
            <Button
              variant="ghost"
              disabled={media.isTitle}
              icon={<Star className="size-4" />}
              onClick={onTitle}
            >
              {t('crm:media.makeTitle')}
            </Button>
            <Button
              variant="ghost"
              icon={<Trash2 className="size-4" />}
              onClick={onDelete}
              aria-label={t('crm:common.delete')}
            />
          </div>
        ) : null}
      </div>
    </li>
  );
}
