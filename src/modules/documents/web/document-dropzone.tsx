import { UploadCloud } from 'lucide-react';
import { useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { errorMessage } from '../../../web/api/error-message.js';
import type { DocumentView } from '../contract.js';
import { formatBytes } from './format.js';
import { uploadWithProgress } from './upload.js';

export type Folder = { propertyId: string } | { contactId: string };

interface Pending {
  key: string;
  name: string;
  share: number;
}

const folderQuery = (folder: Folder) =>
  'propertyId' in folder ? `propertyId=${folder.propertyId}` : `contactId=${folder.contactId}`;

/**
 * Drag-and-drop multi-upload into one folder. Files go one after another so a slow line
 * shows steady progress; a refused file is named and the rest still go.
 */
export function DocumentDropzone({
  folder,
  uploadLimitBytes,
  canMarkConfidential,
  onUploaded,
}: {
  folder: Folder;
  uploadLimitBytes: number;
  canMarkConfidential: boolean;
  onUploaded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [pending, setPending] = useState<Pending[]>([]);
  const [confidential, setConfidential] = useState(false);

  const uploadAll = async (files: File[]) => {
    const queue = files.map((file, i) => ({ file, key: `${Date.now()}-${i}-${file.name}` }));
    setPending((current) => [
      ...current,
      ...queue.map(({ key, file }) => ({ key, name: file.name, share: 0 })),
    ]);
    let uploaded = 0;
    for (const { file, key } of queue) {
      const query = `${folderQuery(folder)}&fileName=${encodeURIComponent(file.name)}&confidential=${confidential}`;
      try {
        await uploadWithProgress<DocumentView>(`/documents?${query}`, file, (share) =>
          setPending((current) => current.map((p) => (p.key === key ? { ...p, share } : p))),
        );
        uploaded++;
      } catch (error) {
        toast.error(`${file.name}: ${errorMessage(error, t)}`);
      }
      setPending((current) => current.filter((p) => p.key !== key));
    }
    if (uploaded > 0) {
      toast.success(t('documents:drop.done', { count: uploaded }));
      onUploaded();
    }
  };

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    noClick: true,
    maxSize: uploadLimitBytes,
    onDrop: (accepted, rejected) => {
      for (const { file } of rejected)
        toast.error(
          `${file.name}: ${t('documents:drop.tooLarge', { limit: formatBytes(uploadLimitBytes, i18n.language) })}`,
        );
      if (accepted.length > 0) void uploadAll(accepted);
    },
  });

  return (
    <section
      {...getRootProps()}
      aria-label={t('documents:drop.label')}
      className={`rounded-xl border-2 border-dashed p-6 text-center transition ${
        isDragActive ? 'border-brand bg-brand/5' : 'border-slate-300'
      }`}
    >
      <input {...getInputProps()} data-testid="document-file-input" />
      <UploadCloud className="mx-auto size-8 text-slate-400" aria-hidden="true" />
      <p className="mt-2 text-sm font-semibold text-slate-800">
        {isDragActive ? t('documents:drop.active') : t('documents:drop.label')}
      </p>
      <p className="mt-1 text-xs text-slate-500">
        {t('documents:drop.hint', { limit: formatBytes(uploadLimitBytes, i18n.language) })}
      </p>
      <div className="mt-3 flex flex-wrap items-center justify-center gap-4">
        <button
          type="button"
          onClick={open}
          className="rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          {t('documents:drop.choose')}
        </button>
        {canMarkConfidential ? (
          <label className="flex items-center gap-2 text-sm text-slate-600">
            <input
              type="checkbox"
              checked={confidential}
              onChange={(e) => setConfidential(e.target.checked)}
            />
            {t('documents:drop.confidential')}
          </label>
        ) : null}
      </div>
      {pending.length > 0 ? (
        <ul className="mx-auto mt-4 max-w-md space-y-2 text-left" aria-live="polite">
          {pending.map((p) => (
            <li key={p.key}>
              <p className="truncate text-xs text-slate-600">
                {t('documents:drop.uploading', { name: p.name, percent: Math.round(p.share * 100) })}
              </p>
              <div
                role="progressbar"
                aria-label={p.name}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(p.share * 100)}
                className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-200"
              >
                <div className="h-full bg-brand" style={{ width: `${Math.round(p.share * 100)}%` }} />
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
