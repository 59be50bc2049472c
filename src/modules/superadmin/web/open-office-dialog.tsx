import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import { suggestSubdomain } from '../../multi_tenant/subdomain.js';

const EMPTY = { officeName: '', subdomain: '', ownerName: '', ownerEmail: '', plan: 'professional' };

/** The operator opens an office for a broker; the owner gets a mail with the way in. */
export function OpenOfficeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  // The address follows the name until the operator types one of their own.
  const [subdomainTouched, setSubdomainTouched] = useState(false);
  const set = (key: keyof typeof EMPTY) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const create = useMutation({
    mutationFn: () =>
      api<{ id: string; url: string; newAccount: boolean }>('/superadmin/offices', {
        method: 'POST',
        body: { ...form, plan: form.plan === 'none' ? null : form.plan },
      }),
    onSuccess: async (opened) => {
      toast.success(
        t(opened.newAccount ? 'superadmin:open.doneNew' : 'superadmin:open.doneExisting', {
          name: form.officeName,
          email: form.ownerEmail,
        }),
      );
      setForm(EMPTY);
      setSubdomainTouched(false);
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['superadmin'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Modal open={open} title={t('superadmin:open.title')} onClose={onClose}>
      <form className="space-y-4" onSubmit={submit}>
        <TextField
          label={t('superadmin:open.officeName')}
          required
          value={form.officeName}
          onChange={(e) => {
            set('officeName')(e.target.value);
            if (!subdomainTouched) set('subdomain')(suggestSubdomain(e.target.value));
          }}
        />
        <TextField
          label={t('superadmin:open.subdomain')}
          hint={t('superadmin:open.subdomainHint')}
          required
          value={form.subdomain}
          onChange={(e) => {
            setSubdomainTouched(true);
            set('subdomain')(e.target.value);
          }}
        />
        <TextField
          label={t('superadmin:open.ownerName')}
          required
          value={form.ownerName}
          onChange={(e) => set('ownerName')(e.target.value)}
        />
        <TextField
          label={t('superadmin:open.ownerEmail')}
          type="email"
          required
          value={form.ownerEmail}
          onChange={(e) => set('ownerEmail')(e.target.value)}
        />
        <SelectField
          label={t('superadmin:open.plan')}
          value={form.plan}
          onChange={(e) => set('plan')(e.target.value)}
          options={[
            { value: 'free', label: 'Free' },
            { value: 'professional', label: 'Professional' },
            { value: 'enterprise', label: 'Enterprise' },
            { value: 'none', label: t('superadmin:open.noPlan') },
          ]}
        />
        <p className="text-xs text-slate-500">{t('superadmin:open.mailHint')}</p>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            {t('superadmin:open.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('superadmin:open.submit')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
