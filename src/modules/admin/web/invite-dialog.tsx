import { Dialog, DialogPanel, DialogTitle } from '@headlessui/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { ROLES } from '../../../platform/rbac/roles.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import type { Invitation } from '../contract.js';

export function InviteDialog({
  open,
  onClose,
  ownerMayInviteOwner,
}: {
  open: boolean;
  onClose: () => void;
  ownerMayInviteOwner: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('agent');
  const invite = useMutation({
    mutationFn: () =>
      api<{ invitation: Invitation; mail: { delivery: 'queued' | 'offline' } }>('/admin/invitations', {
        method: 'POST',
        body: { email, role },
      }),
    onSuccess: async (result) => {
      if (result.mail.delivery === 'offline')
        toast.warning(t('admin:team.inviteOffline'), { duration: 10_000 });
      else toast.success(t('admin:team.inviteSent', { email }));
      setEmail('');
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  const roles = ROLES.filter((r) => r !== 'owner' || ownerMayInviteOwner);
  return (
    <Dialog open={open} onClose={onClose} className="relative z-50">
      <div className="fixed inset-0 bg-slate-900/40" aria-hidden="true" />
      <div className="fixed inset-0 flex items-center justify-center p-4">
        <DialogPanel className="w-full max-w-md rounded-xl bg-white p-6 shadow-xl">
          <DialogTitle className="text-base font-semibold text-slate-900">
            {t('admin:team.inviteTitle')}
          </DialogTitle>
          <form onSubmit={onSubmit} className="mt-5 space-y-4" noValidate>
            <TextField
              label={t('admin:team.email')}
              type="email"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <SelectField
              label={t('admin:team.role')}
              value={role}
              onChange={(e) => setRole(e.target.value)}
              options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            />
            {invite.error ? (
              <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
                {errorMessage(invite.error, t)}
              </p>
            ) : null}
            <div className="flex justify-end gap-2 pt-2">
              <Button variant="secondary" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={invite.isPending}>
                {t('admin:team.invite')}
              </Button>
            </div>
          </form>
        </DialogPanel>
      </div>
    </Dialog>
  );
}
