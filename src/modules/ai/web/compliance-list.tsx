import { ShieldAlert, ShieldCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import type { ComplianceResult } from '../contract.js';
import { applyFix } from '../domain/compliance/check-listing-text.js';

/** Findings of the compliance check with the offending words and a one-click fix. */
export function ComplianceList({
  result,
  text,
  onFix,
}: {
  result: ComplianceResult;
  text: string;
  onFix: (text: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card>
      <h2 className="mb-3 flex items-center gap-2 text-base font-semibold text-slate-900">
        {result.passed ? (
          <ShieldCheck className="h-5 w-5 text-emerald-600" aria-hidden="true" />
        ) : (
          <ShieldAlert className="h-5 w-5 text-red-600" aria-hidden="true" />
        )}
        {t('ai:studio.compliance')}
      </h2>
      {result.findings.length === 0 ? (
        <p className="text-sm text-emerald-700">{t('ai:studio.passed')}</p>
      ) : null}
      <ul className="space-y-3" aria-label={t('ai:studio.compliance')}>
        {result.findings.map((f) => (
          <li key={`${f.code}-${f.start ?? 'x'}`} className="rounded-lg border border-slate-200 p-3 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={f.severity === 'verstoss' ? 'red' : 'amber'}>
                {f.severity === 'verstoss' ? t('ai:studio.violation') : t('ai:studio.hint')}
              </Badge>
              <span className="text-slate-800">{f.message}</span>
            </div>
            {f.excerpt ? (
              <p className="mt-2">
                <mark className="rounded bg-red-100 px-1 text-red-900">{f.excerpt}</mark>
              </p>
            ) : null}
            <p className="mt-2 text-slate-600">
              {t('ai:studio.suggestion')}: {f.suggestion}
            </p>
            {f.replacement !== null ? (
              <Button variant="secondary" className="mt-2" onClick={() => onFix(applyFix(text, f))}>
                {t('ai:studio.fix')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
