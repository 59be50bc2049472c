import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import { PropertyPicker } from '../../crm/web/property-picker.js';
import { PROJECT_TYPES, type ProjectView } from '../contract.js';
import { todayInBerlin } from '../domain/day.js';
import { useInvalidateTasks, useTemplates } from './use-projects.js';

/** A project from one of the office's templates (dated from a start day) or a blank one. */
export function NewProjectDialog({
  open,
  onClose,
  propertyId: fixedProperty,
}: {
  open: boolean;
  onClose: () => void;
  propertyId?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateTasks();
  const templates = useTemplates();
  const [templateKey, setTemplateKey] = useState('transaktion');
  const [name, setName] = useState('');
  const [type, setType] = useState('custom');
  const [propertyId, setPropertyId] = useState(fixedProperty ?? '');
  const [startDate, setStartDate] = useState(todayInBerlin());
  const blank = templateKey === '';
  const create = useMutation({
    mutationFn: () =>
      blank
        ? api<ProjectView>('/projects', {
            method: 'POST',
            body: { name, type, status: 'active', startDate, propertyId: propertyId || null },
          })
        : api<ProjectView>('/projects/from-template', {
            method: 'POST',
            body: { templateKey, startDate, propertyId: propertyId || null, ...(name ? { name } : {}) },
          }),
    onSuccess: (project) => {
      void invalidate();
      onClose();
      navigate(`/projekte/${project.id}`);
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const chosen = templates.data?.items.find((x) => x.key === templateKey);
  return (
    <Modal open={open} title={t('projects:newProject')} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4">
        <SelectField
          label={t('projects:field.template')}
          value={templateKey}
          onChange={(e) => setTemplateKey(e.target.value)}
          options={[
            ...(templates.data?.items ?? []).map((x) => ({
              value: x.key,
              label: `${x.name} (${x.tasks.length})`,
            })),
            { value: '', label: t('projects:blank') },
          ]}
          hint={chosen?.description}
        />
        {fixedProperty ? null : (
          <PropertyPicker
            label={t('projects:field.property')}
            emptyLabel={t('projects:none')}
            value={propertyId}
            onChange={(id) => setPropertyId(id)}
          />
        )}
        <TextField
          label={t('projects:field.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required={blank}
          maxLength={200}
          placeholder={chosen ? chosen.name : ''}
        />
        {blank ? (
          <SelectField
            label={t('projects:field.type')}
            value={type}
            onChange={(e) => setType(e.target.value)}
            options={PROJECT_TYPES.map((x) => ({ value: x, label: t(`projects:type.${x}`) }))}
          />
        ) : null}
        <TextField
          label={t('projects:field.startDate')}
          type="date"
          required
          value={startDate}
          onChange={(e) => setStartDate(e.target.value)}
        />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t('projects:cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('projects:create')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
