import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { errorMessage } from '../../../web/api/error-message.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import type { DocumentView } from '../contract.js';
import { formatBytes, formatDateTime } from './format.js';
import { uploadWithProgress } from './upload.js';

/** Every version, newest first, each downloadable, with who uploaded it and when. */
export function VersionList({
  doc,
  canWrite,
  onUploaded,
}: {
  doc: DocumentView & { versions: DocumentView['current'][] };
  canWrite: boolean;
  onUploaded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [share, setShare] = useState<number | null>(null);

  const upload = async (file: File) => {
    setShare(0);
    try {
      const updated = await uploadWithProgress<DocumentView>(
        `/documents/${doc.id}/versions?fileName=${encodeURIComponent(file.name)}`,
        file,
        setShare,
      );
      toast.success(t('documents:versions.uploaded', { version: updated.currentVersion }));
      onUploaded();
    } catch (error) {
      toast.error(`${file.name}: ${errorMessage(error, t)}`);
    } finally {
      setShare(null);
    }
  };

  return (
    <Card>
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">{t('documents:versions.title')}</h2>
        {canWrite ? (
          <>
            <Button variant="secondary" loading={share !== null} onClick={() => input.current?.click()}>
              {share !== null ? `${Math.round(share * 100)} %` : t('documents:versions.upload')}
            </Button>
            <input
              ref={input}
              type="file"
              className="hidden"
              aria-label={t('documents:versions.upload')}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void upload(file);
              }}
            />
          </>
        ) : null}
      </div>
      <ol className="mt-3 divide-y divide-slate-100 text-sm" data-testid="document-versions">
        {[...doc.versions].reverse().map((v) => (
          <li key={v.version} className="flex items-start justify-between gap-3 py-2">
            <div className="min-w-0">
              <a href={v.url} className="font-medium text-slate-900 hover:underline">
                {t('documents:version', { version: v.version })} – {v.fileName}
              </a>
              <p className="text-xs text-slate-500">
                {t('documents:versions.by', {
                  name: v.uploadedByName ?? t('documents:versions.unknown'),
                  date: formatDateTime(v.createdAt, i18n.language),
                })}{' '}
                · {formatBytes(v.sizeBytes, i18n.language)}
              </p>
              <p className="truncate font-mono text-[11px] text-slate-400" title={v.sha256}>
                SHA-256 {v.sha256}
              </p>
            </div>
            {v.version === doc.currentVersion ? (
              <Badge tone="green">{t('documents:versions.current')}</Badge>
            ) : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
