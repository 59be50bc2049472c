import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { InvitationInfo } from '../../platform/auth/auth.contract.js';
import { api } from '../api/client.js';
import { errorMessage } from '../api/error-message.js';
import { meQueryKey, useMe } from '../api/session.js';
import { Button } from '../components/button.js';
import { TextField } from '../components/field.js';
import { QueryState } from '../components/query-state.js';
import { AuthFrame } from './auth-frame.js';

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { invitationId = '' } = useParams();
  const query = useQuery({
    queryKey: ['invitation', invitationId],
    queryFn: () => api<InvitationInfo>(`/auth/invitations/${invitationId}`),
    retry: false,
  });
  return (
    <QueryState query={query}>
      {(info) => (
        <AuthFrame
          title={t('auth.invitationTitle', { tenant: info.tenantName })}
          subtitle={t('auth.invitationSubtitle', {
            inviter: info.inviterName,
            role: t(`roles.${info.role}`),
          })}
        >
          <InvitationForm info={info} />
        </AuthFrame>
      )}
    </QueryState>
  );
}

function InvitationForm({ info }: { info: InvitationInfo }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const accept = useMutation({
    mutationFn: () =>
      api(`/auth/invitations/${info.id}/accept`, {
        method: 'POST',
        body: info.accountExists ? {} : { name, password },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      await navigate('/', { replace: true });
    },
  });
  if (info.status !== 'pending') {
    return (
      <p role="alert" className="rounded-lg bg-amber-50 px-3 py-3 text-sm text-amber-800">
        {t('auth.invitationInvalid', { status: t(`auth.invitationStatus.${info.status}`) })}
      </p>
    );
  }
  const signedInAsInvitee = me.data?.user.email === info.email;
  if (info.accountExists && !signedInAsInvitee) {
    return (
      <div className="space-y-4">
        <p className="rounded-lg bg-sky-50 px-3 py-3 text-sm text-sky-800">
          {t('auth.invitationNeedsSignIn', { email: info.email })}
        </p>
        <Link
          to={`/anmelden?next=${encodeURIComponent(`/einladung/${info.id}`)}`}
          className="block text-center text-sm font-medium text-brand hover:underline"
        >
          {t('auth.signIn')}
        </Link>
      </div>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <TextField label={t('auth.email')} value={info.email} readOnly disabled />
      {info.accountExists ? null : (
        <>
          <TextField
            label={t('auth.invitationName')}
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <TextField
            label={t('auth.newPassword')}
            hint={t('auth.newPasswordHint')}
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </>
      )}
      {accept.error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {errorMessage(accept.error, t)}
        </p>
      ) : null}
      <Button type="submit" className="w-full" loading={accept.isPending}>
        {t('auth.invitationAccept')}
      </Button>
    </form>
  );
}
