import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../../web/components/button.js';
import { TextField } from '../../../../web/components/field.js';
import { Modal } from '../../../../web/components/modal.js';

/**
 * Asks the real length of a distance measured on the plan and hands back the factor the plan
 * must be scaled by; refuses what is no length.
 */
export function ScaleDialog(props: {
  /** The measured distance in model metres, or null when closed. */
  drawn: number | null;
  format(metres: number): string;
  onApply(factor: number): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [metres, setMetres] = useState('');
  const [error, setError] = useState<string | null>(null);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const real = Number(metres.replace(',', '.'));
    if (props.drawn === null || !(real >= 0.1) || real > 500 || props.drawn < 0.01) {
      setError(t('models3d:editor.range', { min: '0,1', max: '500' }));
      return;
    }
    setMetres('');
    setError(null);
    props.onApply(real / props.drawn);
  };
  return (
    <Modal open={props.drawn !== null} title={t('models3d:editor.measureTitle')} onClose={props.onClose}>
      <form onSubmit={apply} className="space-y-4">
        <p className="text-sm text-slate-600">
          {t('models3d:editor.measureText', { drawn: props.format(props.drawn ?? 0) })}
        </p>
        <TextField
          label={t('models3d:editor.measureLength')}
          inputMode="decimal"
          autoFocus
          value={metres}
          onChange={(e) => setMetres(e.target.value)}
          error={error}
        />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" type="button" onClick={props.onClose}>
            {t('models3d:editor.cancel')}
          </Button>
          <Button type="submit">{t('models3d:editor.applyScale')}</Button>
        </div>
      </form>
    </Modal>
  );
}
