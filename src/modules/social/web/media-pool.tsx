import { useQuery } from '@tanstack/react-query';
import { Film, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client.js';
import { Button } from '../../../web/components/button.js';
import { Spinner } from '../../../web/components/spinner.js';
import { type PoolMedia, poolKey } from './composer-state.js';

interface LibraryItem extends PoolMedia {
  label: string;
  previewUrl: string;
}

/** A medium's thumbnail: a still for photos, the first frame of a video with a film badge. */
function Thumb({ media }: { media: PoolMedia }) {
  if (media.kind === 'video')
    return (
      <span className="relative block">
        <video
          src={media.previewUrl ?? undefined}
          muted
          preload="metadata"
          className="aspect-square w-full bg-slate-900 object-cover"
        />
        <Film className="absolute right-1 bottom-1 h-4 w-4 text-white drop-shadow" aria-hidden />
      </span>
    );
  return <img src={media.previewUrl ?? undefined} alt="" className="aspect-square w-full object-cover" />;
}

/** Adds what the AI studio made (graphics, reels) and the listing's other media to the pool. */
function LibraryPicker({
  propertyId,
  pool,
  onAdd,
}: {
  propertyId: string;
  pool: PoolMedia[];
  onAdd: (media: PoolMedia) => void;
}) {
  const { t } = useTranslation();
  const library = useQuery({
    queryKey: ['social', 'media-library', propertyId],
    queryFn: () =>
      api<{ items: LibraryItem[] }>(
        `/social-media/media-library${propertyId ? `?propertyId=${encodeURIComponent(propertyId)}` : ''}`,
      ),
  });
  if (library.isPending) return <Spinner label={t('social:composer.libraryLoading')} />;
  if (library.isError) return <p className="text-sm text-red-700">{t('social:composer.libraryFailed')}</p>;
  const inPool = new Set(pool.map(poolKey));
  const items = library.data.items.filter((m) => !inPool.has(poolKey(m)));
  if (items.length === 0)
    return <p className="text-sm text-slate-500">{t('social:composer.libraryEmpty')}</p>;
  return (
    <div className="grid grid-cols-3 gap-2 sm:grid-cols-5" data-testid="media-library">
      {items.map((m) => (
        <button
          key={poolKey(m)}
          type="button"
          onClick={() => onAdd(m)}
          className="overflow-hidden rounded-md border border-slate-200 text-left hover:ring-2 hover:ring-brand"
          aria-label={t('social:composer.addMedium', { label: m.label })}
        >
          <Thumb media={m} />
          <span className="block truncate px-1 py-0.5 text-xs text-slate-600">{m.label}</span>
        </button>
      ))}
    </div>
  );
}

/** The post's media pool: chosen media in posting order for the active channel, and more to add. */
export function MediaPool({
  pool,
  chosen,
  propertyId,
  onChange,
  onAddToPool,
}: {
  pool: PoolMedia[];
  chosen: string[];
  propertyId: string;
  onChange: (chosen: string[]) => void;
  onAddToPool: (media: PoolMedia) => void;
}) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  return (
    <div>
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-700">{t('social:composer.media')}</p>
        <Button
          variant="secondary"
          icon={<Plus className="size-4" aria-hidden />}
          onClick={() => setPicking((p) => !p)}
          aria-expanded={picking}
        >
          {t('social:composer.addMedia')}
        </Button>
      </div>
      {pool.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">{t('social:composer.noMedia')}</p>
      ) : (
        <div className="mt-2 grid grid-cols-4 gap-2 sm:grid-cols-6">
          {pool.map((m) => {
            const key = poolKey(m);
            const position = chosen.indexOf(key);
            return (
              <button
                key={key}
                type="button"
                aria-pressed={position >= 0}
                aria-label={m.altText}
                onClick={() => onChange(position >= 0 ? chosen.filter((k) => k !== key) : [...chosen, key])}
                className={`relative overflow-hidden rounded-md ring-2 ${position >= 0 ? 'ring-brand' : 'ring-transparent opacity-60'}`}
              >
                <Thumb media={m} />
                {position >= 0 ? (
                  <span className="absolute top-1 left-1 rounded bg-brand px-1.5 text-xs font-bold text-white">
                    {position + 1}
                  </span>
                ) : null}
              </button>
            );
          })}
        </div>
      )}
      {picking ? (
        <div className="mt-3 rounded-md border border-dashed border-slate-300 p-3">
          <p className="mb-2 text-xs text-slate-500">{t('social:composer.libraryHint')}</p>
          <LibraryPicker
            propertyId={propertyId}
            pool={pool}
            onAdd={(m) => {
              onAddToPool(m);
              onChange([...chosen, poolKey(m)]);
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
