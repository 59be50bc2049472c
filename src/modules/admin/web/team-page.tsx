import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Copy, UserPlus, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { ROLES } from '../../../platform/rbac/roles.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { Invitation, Member } from '../contract.js';
import { InviteDialog } from './invite-dialog.js';

export function TeamPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const canManage = hasPermission(me, 'admin.members.manage');
  const queryClient = useQueryClient();
  const [inviteOpen, setInviteOpen] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const members = useQuery({
    queryKey: ['admin', 'members'],
    queryFn: () => api<{ items: Member[] }>('/admin/members'),
  });
  const invitations = useQuery({
    queryKey: ['admin', 'invitations'],
    queryFn: () => api<{ items: Invitation[] }>('/admin/invitations'),
    enabled: canManage,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin'] });

  const changeRole = useMutation({
    mutationFn: ({ id, role }: { id: string; role: string }) =>
      api(`/admin/members/${id}`, { method: 'PATCH', body: { role } }),
    onSuccess: async () => {
      toast.success(t('admin:team.roleChanged'));
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/admin/members/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      toast.success(t('admin:team.removed'));
      setRemoving(null);
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const withdraw = useMutation({
    mutationFn: (id: string) => api(`/admin/invitations/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      toast.success(t('admin:team.withdrawn'));
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'de-DE');
  const copy = async (text: string) => {
    await navigator.clipboard.writeText(text);
    toast.success(t('common.copied'));
  };

  return (
    <>
      <PageHeader
        title={t('admin:team.title')}
        description={t('admin:team.description')}
        actions={
          canManage ? (
            <Button icon={<UserPlus className="size-4" />} onClick={() => setInviteOpen(true)}>
              {t('admin:team.invite')}
            </Button>
          ) : null
        }
      />
      <Card>
        <QueryState query={members}>
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState icon={Users} title={t('admin:team.empty')} />
            ) : (
              <div className="-mx-5 -my-5 overflow-x-auto">
                <table className="min-w-full divide-y divide-slate-100 text-sm">
                  <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="px-5 py-3">
                        {t('admin:team.name')}
                      </th>
                      <th scope="col" className="px-5 py-3">
                        {t('admin:team.role')}
                      </th>
                      <th scope="col" className="hidden px-5 py-3 md:table-cell">
                        {t('admin:team.joined')}
                      </th>
                      <th scope="col" className="px-5 py-3">
                        <span className="sr-only">{t('admin:team.remove')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {items.map((member) => {
                      const self = member.userId === me?.user.id;
                      return (
                        <tr key={member.id}>
                          <td className="px-5 py-3">
                            <div className="font-medium text-slate-900">
                              {member.name}{' '}
                              {self ? (
                                <span className="text-xs text-slate-400">({t('admin:team.you')})</span>
                              ) : null}
                            </div>
                            <div className="text-slate-500">{member.email}</div>
                          </td>
                          <td className="px-5 py-3">
                            {canManage && !self ? (
                              <select
                                aria-label={`${t('admin:team.role')}: ${member.name}`}
                                value={member.role}
                                disabled={changeRole.isPending}
                                onChange={(e) => changeRole.mutate({ id: member.id, role: e.target.value })}
                                className="rounded-lg border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand"
                              >
                                {ROLES.map((role) => (
                                  <option key={role} value={role}>
                                    {t(`roles.${role}`)}
                                  </option>
                                ))}
                              </select>
                            ) : (
                              t(`roles.${member.role}`)
                            )}
                          </td>
                          <td className="hidden px-5 py-3 text-slate-500 md:table-cell">
                            {date(member.joinedAt)}
                          </td>
                          <td className="px-5 py-3 text-right">
                            {canManage && !self ? (
                              <Button variant="ghost" onClick={() => setRemoving(member)}>
                                {t('admin:team.remove')}
                              </Button>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
      </Card>
      {canManage ? (
        <Card title={t('admin:team.invitations')} className="mt-6">
          <QueryState query={invitations}>
            {({ items }) =>
              items.length === 0 ? (
                <p className="text-sm text-slate-500">{t('admin:team.noInvitations')}</p>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {items.map((invitation) => (
                    <li
                      key={invitation.id}
                      className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm"
                    >
                      <div>
                        <p className="font-medium text-slate-900">{invitation.email}</p>
                        <p className="text-slate-500">
                          {t(`roles.${invitation.role}`)} · {t('admin:team.expires')}{' '}
                          {date(invitation.expiresAt)}
                        </p>
                      </div>
                      <div className="flex gap-2">
                        <Button
                          variant="secondary"
                          icon={<Copy className="size-4" />}
                          onClick={() => void copy(invitation.acceptUrl)}
                        >
                          {t('admin:team.copyLink')}
                        </Button>
                        <Button
                          variant="ghost"
                          loading={withdraw.isPending && withdraw.variables === invitation.id}
                          onClick={() => withdraw.mutate(invitation.id)}
                        >
                          {t('admin:team.withdraw')}
                        </Button>
                      </div>
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </Card>
      ) : null}
      <InviteDialog
        open={inviteOpen}
        onClose={() => setInviteOpen(false)}
        ownerMayInviteOwner={me?.tenant?.role === 'owner'}
      />
      <ConfirmDialog
        open={removing !== null}
        title={t('admin:team.removeTitle', { name: removing?.name ?? '' })}
        text={t('admin:team.removeText')}
        confirmLabel={t('admin:team.remove')}
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
