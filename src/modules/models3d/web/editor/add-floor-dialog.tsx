import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../web/api/client.js';
import { errorMessage } from '../../../../web/api/error-message.js';
import { Button } from '../../../../web/components/button.js';
import { TextField } from '../../../../web/components/field.js';
import { Modal } from '../../../../web/components/modal.js';
import type { PlanView } from '../../contract.js';
import { storeyName } from '../../domain/stack-floor.js';
import { PlanFileInput } from '../plan-file-input.js';
import { PlanProgress } from '../plan-progress.js';

/** Uploads the plan of another storey; it is read and stacked on the model as its top floor. */
export function AddFloorDialog(props: {
  open: boolean;
  modelId: string;
  floors: number;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [planId, setPlanId] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (plan: File) => {
      const query = new URLSearchParams({
        fileName: plan.name,
        modelId: props.modelId,
        floorName: name.trim() || storeyName(props.floors),
      });
      return api<PlanView>(`/3d/upload?${query.toString()}`, { method: 'POST', raw: plan });
    },
    onSuccess: (view) => setPlanId(view.id),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileError(t('models3d:upload.chooseFile'));
      return;
    }
    setFileError(null);
    setPlanId(null);
    upload.mutate(file);
  };
  return (
    <Modal open={props.open} title={t('models3d:editor.addFloor')} onClose={props.onClose}>
      <form onSubmit={submit} className="space-y-4" aria-label={t('models3d:editor.addFloor')}>
        <p className="text-sm text-slate-600">{t('models3d:editor.addFloorText')}</p>
        <PlanFileInput
          error={fileError}
          onFile={(chosen) => {
            setFile(chosen);
            setFileError(null);
          }}
        />
        <TextField
          label={t('models3d:editor.floorName')}
          placeholder={storeyName(props.floors)}
          maxLength={60}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        {upload.error ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(upload.error, t)}
          </p>
        ) : null}
        {planId ? <PlanProgress planId={planId} onDone={props.onDone} /> : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" type="button" onClick={props.onClose}>
            {t('models3d:editor.cancel')}
          </Button>
          <Button type="submit" loading={upload.isPending}>
            {t('models3d:upload.start')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
