import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FileDown, Save } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import type { ScenarioKind } from '../contract.js';
import { CalculationError } from './calculation-error.js';

async function downloadPdf(kind: ScenarioKind, input: object, propertyId: string | null): Promise<void> {
  const response = await fetch('/api/finance/pdf', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind, input, propertyId }),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  }
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'berechnung.pdf';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Save the calculation (on the chosen property) and download it as a client PDF. */
export function ScenarioBar({
  kind,
  input,
  propertyId,
  defaultName,
}: {
  kind: ScenarioKind;
  input: object | null;
  propertyId: string;
  defaultName: string;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api('/finance/scenarios', {
        method: 'POST',
        body: { kind, name: name.trim() || defaultName, propertyId: propertyId || null, input },
      }),
    onSuccess: () => {
      toast.success(t('finance:savedToast'));
      void queryClient.invalidateQueries({ queryKey: ['finance', 'scenarios'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const pdf = useMutation({
    mutationFn: () => downloadPdf(kind, input ?? {}, propertyId || null),
    onError: (error) => toast.error(error instanceof Error ? error.message : t('common.error')),
  });
  return (
    <div className="flex flex-wrap items-end gap-2">
      <Button onClick={() => pdf.mutate()} disabled={!input || pdf.isPending} variant="secondary">
        <FileDown className="h-4 w-4" aria-hidden="true" />
        {pdf.isPending ? t('finance:pdfWorking') : t('finance:pdf')}
      </Button>
      {hasPermission(me, 'finance.scenarios.write') ? (
        <>
          <input
            aria-label={t('finance:scenarioName')}
            placeholder={defaultName}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={120}
            className="rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
          />
          <Button onClick={() => save.mutate()} disabled={!input || save.isPending}>
            <Save className="h-4 w-4" aria-hidden="true" />
            {propertyId ? t('finance:saveOnProperty') : t('finance:save')}
          </Button>
        </>
      ) : null}
    </div>
  );
}

/** The head of every calculator's result card: title, PDF and save, and the server's objections. */
export function ResultHeader(props: Parameters<typeof ScenarioBar>[0] & { error: unknown }) {
  const { t } = useTranslation();
  const { error, ...bar } = props;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-base font-semibold text-slate-900">{t('finance:result')}</h2>
        <ScenarioBar {...bar} />
      </div>
      <CalculationError error={error} />
    </>
  );
}
