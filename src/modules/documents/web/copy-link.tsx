import { Copy } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

/** A link shown once (data room, signing), readable and copyable. */
export function CopyLink({ url, label }: { url: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="flex items-center gap-2 rounded-lg bg-slate-50 p-2 ring-1 ring-slate-200">
      {label ? <span className="shrink-0 text-xs font-medium text-slate-600">{label}</span> : null}
      <input
        readOnly
        value={url}
        aria-label={label ?? t('documents:share.copy')}
        data-testid="one-time-link"
        className="min-w-0 flex-1 bg-transparent font-mono text-xs text-slate-800 outline-none"
        onFocus={(e) => e.target.select()}
      />
      <button
        type="button"
        className="shrink-0 rounded p-1 text-slate-500 hover:bg-slate-200"
        title={t('documents:share.copy')}
        onClick={() =>
          void navigator.clipboard.writeText(url).then(
            () => toast.success(t('documents:share.copied')),
            () => undefined,
          )
        }
      >
        <Copy className="size-4" aria-hidden="true" />
        <span className="sr-only">{t('documents:share.copy')}</span>
      </button>
    </div>
  );
}
