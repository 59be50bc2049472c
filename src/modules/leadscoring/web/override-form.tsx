import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { TextField } from '../../../web/components/field.js';
import { useCardMutation } from './use-score-card.js';

/** Sets the score by hand with a reason, or clears a manual score. */
export function OverrideForm({ contactId, overridden }: { contactId: string; overridden: boolean }) {
  const { t } = useTranslation();
  const [total, setTotal] = useState('');
  const [reason, setReason] = useState('');
  const set = useCardMutation<{ total: number; reason: string }>(
    contactId,
    'PUT',
    '/override',
    t('leadscoring:card.overrideSave'),
  );
  const clear = useCardMutation<undefined>(
    contactId,
    'DELETE',
    '/override',
    t('leadscoring:card.overrideClear'),
  );
  const errors = fieldErrors(set.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    set.mutate({ total: Number(total), reason });
  };
  if (overridden)
    return (
      <Button variant="secondary" loading={clear.isPending} onClick={() => clear.mutate(undefined)}>
        {t('leadscoring:card.overrideClear')}
      </Button>
    );
  return (
    <form onSubmit={submit} className="space-y-3" aria-label={t('leadscoring:card.override')}>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label={t('leadscoring:card.overrideValue')}
          type="number"
          min={0}
          max={100}
          required
          value={total}
          error={errors.total}
          onChange={(e) => setTotal(e.target.value)}
        />
        <div className="sm:col-span-2">
          <TextField
            label={t('leadscoring:card.overrideReason')}
            hint={t('leadscoring:card.overrideReasonHint')}
            required
            maxLength={300}
            value={reason}
            error={errors.reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      </div>
      <Button type="submit" variant="secondary" loading={set.isPending}>
        {t('leadscoring:card.overrideSave')}
      </Button>
    </form>
  );
}
