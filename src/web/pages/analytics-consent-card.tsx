import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDateTime } from '../../platform/format/format-de.js';
import { api } from '../api/client.js';
import { errorMessage } from '../api/error-message.js';
import { Card } from '../components/card.js';
import { CheckboxField } from '../components/field.js';

interface Consent {
  available: boolean;
  granted: boolean;
  decidedAt: string | null;
}

/** The person's own yes or no to usage statistics; shown only where the platform collects any. */
export function AnalyticsConsentCard() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  // The box shows the click at once (a controlled checkbox would snap back until the save's
  // first callback ran); the server's answer takes over when it arrives.
  const [clicked, setClicked] = useState<boolean | null>(null);
  const consent = useQuery({
    queryKey: ['me', 'analytics-consent'],
    queryFn: () => api<Consent>('/me/analytics-consent'),
  });
  const save = useMutation({
    mutationFn: (granted: boolean) =>
      api<Consent>('/me/analytics-consent', { method: 'PUT', body: { granted } }),
    // The box follows the click at once; a refused save puts it back and says why.
    onMutate: (granted) => {
      const before = client.getQueryData<Consent>(['me', 'analytics-consent']);
      if (before) client.setQueryData<Consent>(['me', 'analytics-consent'], { ...before, granted });
      return { before };
    },
    onSuccess: (data) => {
      client.setQueryData(['me', 'analytics-consent'], data);
      setClicked(null);
      toast.success(data.granted ? t('profile.analyticsOn') : t('profile.analyticsOff'));
    },
    onError: (error, _granted, context) => {
      if (context?.before) client.setQueryData(['me', 'analytics-consent'], context.before);
      setClicked(null);
      toast.error(errorMessage(error, t));
    },
  });
  if (!consent.data?.available) return null;
  const lang = i18n.language === 'en' ? 'en' : 'de';
  return (
    <Card title={t('profile.analyticsTitle')}>
      <p className="mb-4 text-sm text-slate-500">{t('profile.analyticsHint')}</p>
      <CheckboxField
        label={t('profile.analyticsAgree')}
        checked={clicked ?? consent.data.granted}
        onChange={(e) => {
          setClicked(e.target.checked);
          save.mutate(e.target.checked);
        }}
      />
      {consent.data.decidedAt ? (
        <p className="mt-3 text-xs text-slate-500">
          {t('profile.analyticsDecided', { at: formatDateTime(consent.data.decidedAt, lang) })}
        </p>
      ) : null}
    </Card>
  );
}
