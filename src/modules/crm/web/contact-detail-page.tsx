import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { ContactView } from '../contract.js';
import { ContactForm } from './contact-form.js';
import { DocumentsSlot, useDocumentsEnabled } from './documents-slot.js';
import { formatDate } from './format.js';
import { LeadScoreSlot, useLeadScoringEnabled } from './leadscore-slot.js';
import { MatchesList } from './matches-list.js';
import { ProjectsSlot, useProjectsEnabled } from './projects-slot.js';
import { SearchRequestsCard } from './search-requests-card.js';
import { Timeline } from './timeline.js';

export function ContactDetailPage() {
  const { contactId = '' } = useParams();
  const query = useQuery({
    queryKey: ['crm', 'contact', contactId],
    queryFn: () => api<ContactView>(`/crm/contacts/${contactId}`),
  });
  return <QueryState query={query}>{(contact) => <ContactDetailView contact={contact} />}</QueryState>;
}

function ContactDetailView({ contact }: { contact: ContactView }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [erasing, setErasing] = useState(false);
  const canWrite = hasPermission(me, 'crm.contacts.write');
  const hasDocuments = useDocumentsEnabled();
  const hasLeadScoring = useLeadScoringEnabled();
  const hasProjects = useProjectsEnabled();
  const canErase = hasPermission(me, 'crm.contacts.erase');
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api(`/crm/contacts/${contact.id}`, { method: 'PATCH', body }),
    onSuccess: async () => {
      toast.success(t('crm:common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['crm'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const erase = useMutation({
    mutationFn: () => api(`/crm/contacts/${contact.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      toast.success(t('crm:contacts.erased'));
      await queryClient.invalidateQueries({ queryKey: ['crm', 'contacts'] });
      navigate('/kontakte');
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  return (
    <>
      <Link to="/kontakte" className="text-sm text-slate-500 hover:underline">
        ← {t('crm:contacts.back')}
      </Link>
      <div className="mb-6 mt-2">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{contact.displayName}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-500">
          <Badge tone="blue">{t(`crm:enum.leadStatus.${contact.leadStatus}`)}</Badge>
          {contact.source ? <span>{t(`crm:enum.source.${contact.source}`)}</span> : null}
          <span>
            {contact.consentGiven && contact.consentAt
              ? t('crm:contacts.consentAt', { date: formatDate(contact.consentAt, i18n.language) })
              : t('crm:contacts.noConsent')}
          </span>
          {contact.isDemo ? <Badge>{t('crm:common.demo')}</Badge> : null}
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          <Card>
            <ContactForm
              key={contact.updatedAt}
              initial={contact}
              submitLabel={t('crm:common.save')}
              busy={save.isPending}
              error={save.error}
              onSubmit={(body) => save.mutate(body)}
              readOnly={!canWrite}
            />
          </Card>
          {hasDocuments ? (
            <Card title={t('crm:properties.tabs.documents')}>
              <DocumentsSlot contactId={contact.id} />
            </Card>
          ) : null}
          {hasProjects ? (
            <Card>
              <ProjectsSlot contactId={contact.id} />
            </Card>
          ) : null}
          <Card title={t('crm:properties.tabs.timeline')}>
            <Timeline contactId={contact.id} />
          </Card>
        </div>
        <div className="space-y-6 lg:col-span-2">
          {hasLeadScoring ? <LeadScoreSlot contactId={contact.id} leadStatus={contact.leadStatus} /> : null}
          <SearchRequestsCard contactId={contact.id} canWrite={canWrite} />
          <Card title={t('crm:contacts.matchingProperties')}>
            <MatchesList path={`/crm/contacts/${contact.id}/matches`} />
          </Card>
          {canErase ? (
            <Card title={t('crm:contacts.gdpr')}>
              <div className="flex flex-wrap gap-2">
                <a
                  href={`/api/crm/contacts/${contact.id}/export`}
                  className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
                >
                  <Download className="size-4" aria-hidden="true" />
                  {t('crm:contacts.export')}
                </a>
                <Button
                  variant="danger"
                  icon={<Trash2 className="size-4" />}
                  onClick={() => setErasing(true)}
                >
                  {t('crm:contacts.erase')}
                </Button>
              </div>
            </Card>
          ) : null}
        </div>
      </div>
      <ConfirmDialog
        open={erasing}
        title={t('crm:contacts.eraseTitle')}
        text={t('crm:contacts.eraseText')}
        confirmLabel={t('crm:contacts.erase')}
        busy={erase.isPending}
        onConfirm={() => erase.mutate()}
        onClose={() => setErasing(false)}
      />
    </>
  );
}
