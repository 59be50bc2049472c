import { Copy } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Button } from './button.js';
import { Modal } from './modal.js';

/** Shows a secret the server returns only once (webhook secret, sync token, API key), with a copy button. */
export function SecretOnce({
  title,
  text,
  secret,
  onClose,
}: {
  title: string;
  text: string;
  secret: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const copy = async () => {
    await navigator.clipboard.writeText(secret ?? '');
    toast.success(t('common.copiedToClipboard'));
  };
  return (
    <Modal open={secret !== null} title={title} onClose={onClose}>
      <p className="text-sm text-slate-600">{text}</p>
      <code
        data-testid="secret-value"
        className="mt-4 block break-all rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm text-slate-900"
      >
        {secret}
      </code>
      <div className="mt-6 flex justify-end gap-2">
        <Button variant="secondary" icon={<Copy className="size-4" />} onClick={() => void copy()}>
          {t('common.copy')}
        </Button>
        <Button onClick={onClose}>{t('common.done')}</Button>
      </div>
    </Modal>
  );
}
