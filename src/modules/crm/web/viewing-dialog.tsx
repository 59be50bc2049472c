import { useMutation, useQuery } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { SelectField, TextAreaField, TextField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import type { ContactView, PropertyListItem, ViewingClash, ViewingView } from '../contract.js';
import { VIEWING_STATUSES } from '../domain/contact-enums.js';
import { useMembers } from './use-members.js';
import {
  BusyWarningSlot,
  useViewingDuration,
  useViewingsEnabled,
  ViewingExtrasSlot,
} from './viewings-slot.js';
import { VisitorProfiles } from './visitor-profiles.js';

/** "2026-11-24T14:00" in the browser's time zone, as datetime-local inputs want it. */
function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function defaultStart(): Date {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(10, 0, 0, 0);
  return d;
}

export function ViewingDialog({
  viewing,
  startsAt,
  endsAt,
  canWrite,
  onClose,
  onSaved,
}: {
  viewing?: ViewingView;
  startsAt?: Date;
  endsAt?: Date;
  canWrite: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const members = useMembers();
  const viewingsEnabled = useViewingsEnabled();
  const duration = useViewingDuration();
  const start = viewing ? new Date(viewing.startsAt) : (startsAt ?? defaultStart());
  const end = viewing ? new Date(viewing.endsAt) : (endsAt ?? new Date(start.getTime() + duration * 60_000));
  const [propertyId, setPropertyId] = useState(viewing?.propertyId ?? '');
  const [propertyQ, setPropertyQ] = useState('');
  const [contacts, setContacts] = useState(viewing?.contacts ?? []);
  const [contactQ, setContactQ] = useState('');
  const [from, setFrom] = useState(toLocalInput(start));
  const [to, setTo] = useState(toLocalInput(end));
  const [agentId, setAgentId] = useState(viewing?.agentId ?? me?.user.id ?? '');
  const [endTouched, setEndTouched] = useState(Boolean(viewing || endsAt));
  // The office's default length arrives after the dialog opens: a new viewing takes it until the end is edited.
  useEffect(() => {
    if (endTouched) return;
    const begin = new Date(from);
    if (!Number.isNaN(begin.getTime())) setTo(toLocalInput(new Date(begin.getTime() + duration * 60_000)));
  }, [duration, endTouched, from]);
  // Moving the start keeps the length of the appointment, as every calendar does.
  const moveStart = (value: string) => {
    const duration = new Date(to).getTime() - new Date(from).getTime();
    setFrom(value);
    const next = new Date(value);
    if (!Number.isNaN(next.getTime()) && duration > 0)
      setTo(toLocalInput(new Date(next.getTime() + duration)));
  };
  const slotValid =
    !Number.isNaN(new Date(from).getTime()) && new Date(to).getTime() > new Date(from).getTime();
  const clashes = useQuery({
    queryKey: ['crm', 'viewings', 'clashes', from, to, agentId, propertyId, viewing?.id],
    queryFn: () =>
      api<{ items: ViewingClash[] }>(
        `/crm/viewings/clashes?${new URLSearchParams({
          startsAt: new Date(from).toISOString(),
          endsAt: new Date(to).toISOString(),
          ...(agentId ? { agentId } : {}),
          ...(propertyId ? { propertyId } : {}),
          ...(viewing ? { excludeId: viewing.id } : {}),
        })}`,
      ),
    enabled: canWrite && slotValid && Boolean(agentId || propertyId),
  });
  const clashList = clashes.data?.items ?? [];
  const [status, setStatus] = useState(viewing?.status ?? 'geplant');
  const [notes, setNotes] = useState(viewing?.notes ?? '');

  const properties = useQuery({
    queryKey: ['crm', 'properties', 'picker', propertyQ],
    queryFn: () =>
      api<{ items: PropertyListItem[] }>(
        `/crm/properties?${new URLSearchParams({ ...(propertyQ ? { q: propertyQ } : {}), pageSize: '20', sort: 'updatedAt' })}`,
      ),
  });
  const contactResults = useQuery({
    queryKey: ['crm', 'contacts', 'picker', contactQ],
    queryFn: () =>
      api<{ items: ContactView[] }>(`/crm/contacts?${new URLSearchParams({ q: contactQ, pageSize: '8' })}`),
    enabled: contactQ.trim().length >= 2,
  });
  const propertyOptions = (properties.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.title} (${p.city})`,
  }));
  if (viewing && !propertyOptions.some((o) => o.value === viewing.propertyId))
    propertyOptions.unshift({ value: viewing.propertyId, label: viewing.propertyTitle });

  const save = useMutation({
    mutationFn: () => {
      const body = {
        propertyId,
        contactIds: contacts.map((c) => c.id),
        agentId: agentId || null,
        startsAt: new Date(from).toISOString(),
        endsAt: new Date(to).toISOString(),
        status,
        notes,
      };
      return viewing
        ? api(`/crm/viewings/${viewing.id}`, { method: 'PATCH', body })
        : api('/crm/viewings', { method: 'POST', body });
    },
    onSuccess: () => {
      toast.success(t(viewing ? 'crm:viewings.updated' : 'crm:viewings.created'));
      onSaved();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const remove = useMutation({
    mutationFn: () => api(`/crm/viewings/${viewing?.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      toast.success(t('crm:viewings.deleted'));
      onSaved();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!propertyId) {
      toast.error(t('crm:viewings.pickProperty'));
      return;
    }
    if (!slotValid) {
      toast.error(t('crm:viewings.endBeforeStart'));
      return;
    }
    save.mutate();
  };

  return (
    <Modal open title={viewing ? t('crm:viewings.editTitle') : t('crm:viewings.new')} onClose={onClose} wide>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label={t('crm:viewings.propertySearch')}
            type="search"
            value={propertyQ}
            disabled={!canWrite}
            onChange={(e) => setPropertyQ(e.target.value)}
          />
          <SelectField
            label={t('crm:viewings.property')}
            value={propertyId}
            disabled={!canWrite}
            onChange={(e) => setPropertyId(e.target.value)}
            options={[{ value: '', label: t('crm:form.choose') }, ...propertyOptions]}
          />
          <TextField
            label={t('crm:viewings.startsAt')}
            type="datetime-local"
            value={from}
            disabled={!canWrite}
            onChange={(e) => moveStart(e.target.value)}
          />
          <TextField
            label={t('crm:viewings.endsAt')}
            type="datetime-local"
            value={to}
            disabled={!canWrite}
            onChange={(e) => {
              setEndTouched(true);
              setTo(e.target.value);
            }}
            error={slotValid ? undefined : t('crm:viewings.endBeforeStart')}
          />
          <SelectField
            label={t('crm:viewings.agent')}
            value={agentId}
            disabled={!canWrite}
            onChange={(e) => setAgentId(e.target.value)}
            options={[
              { value: '', label: t('crm:viewings.noAgent') },
              ...(members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name })),
            ]}
          />
          <SelectField
            label={t('crm:viewings.status')}
            value={status}
            disabled={!canWrite}
            onChange={(e) => setStatus(e.target.value as typeof status)}
            options={VIEWING_STATUSES.map((s) => ({ value: s, label: t(`crm:enum.viewingStatus.${s}`) }))}
          />
        </div>
        {clashList.length > 0 ? (
          <div role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <p className="font-medium">{t('crm:viewings.clashTitle')}</p>
            <ul className="mt-1 list-disc pl-5">
              {clashList.map((c) => (
                <li key={`${c.id}-${c.reason}`}>
                  {t(`crm:viewings.clash.${c.reason}`, {
                    from: formatTime(c.startsAt, i18n.language),
                    to: formatTime(c.endsAt, i18n.language),
                    property: c.propertyTitle,
                  })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {canWrite && slotValid && agentId ? (
          <BusyWarningSlot
            agentId={agentId}
            startsAt={new Date(from).toISOString()}
            endsAt={new Date(to).toISOString()}
          />
        ) : null}
        <div>
          <p className="text-sm font-medium text-slate-700">{t('crm:viewings.contacts')}</p>
          <ul className="mt-2 flex flex-wrap gap-2">
            {contacts.map((c) => (
              <li
                key={c.id}
                className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-3 py-1 text-sm"
              >
                {c.displayName}
                {canWrite ? (
                  <button
                    type="button"
                    aria-label={`${c.displayName} ${t('crm:common.delete')}`}
                    onClick={() => setContacts((l) => l.filter((x) => x.id !== c.id))}
                  >
                    <X className="size-3.5" aria-hidden="true" />
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          <VisitorProfiles contacts={contacts} />
          {canWrite ? (
            <div className="mt-2">
              <TextField
                label={t('crm:viewings.contactSearch')}
                type="search"
                value={contactQ}
                onChange={(e) => setContactQ(e.target.value)}
              />
              <ul className="mt-1 divide-y divide-slate-100 text-sm">
                {(contactResults.data?.items ?? [])
                  .filter((c) => !contacts.some((x) => x.id === c.id))
                  .map((c) => (
                    <li key={c.id}>
                      <button
                        type="button"
                        className="w-full px-2 py-1.5 text-left hover:bg-slate-50"
                        onClick={() => {
                          setContacts((l) => [...l, { id: c.id, displayName: c.displayName }]);
                          setContactQ('');
                        }}
                      >
                        {c.displayName} <span className="text-slate-500">{c.email ?? ''}</span>
                      </button>
                    </li>
                  ))}
              </ul>
            </div>
          ) : null}
        </div>
        <TextAreaField
          label={t('crm:viewings.notes')}
          rows={3}
          value={notes}
          disabled={!canWrite}
          onChange={(e) => setNotes(e.target.value)}
        />
        {viewing && viewingsEnabled ? (
          <ViewingExtrasSlot viewingId={viewing.id} startsAt={viewing.startsAt} canWrite={canWrite} />
        ) : null}
        <div className="flex justify-between gap-2">
          {viewing && canWrite ? (
            <Button variant="ghost" loading={remove.isPending} onClick={() => remove.mutate()}>
              {t('crm:common.delete')}
            </Button>
          ) : (
            <span />
          )}
          <div className="flex gap-2">
            <Button variant="secondary" onClick={onClose}>
              {t('crm:common.cancel')}
            </Button>
            {canWrite ? (
              <Button type="submit" loading={save.isPending}>
                {clashList.length > 0 ? t('crm:viewings.saveAnyway') : t('crm:common.save')}
              </Button>
            ) : null}
          </div>
        </div>
      </form>
    </Modal>
  );
}
