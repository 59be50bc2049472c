import { useTranslation } from 'react-i18next';
import type { ValuationView } from '../contract.js';
import { stepValue } from '../domain/step-value.js';

/** A valuation as an appraiser checks it: each line with its operation, basis and inputs. */
export function StepsTable({ valuation }: { valuation: ValuationView }) {
  const { t, i18n } = useTranslation();
  return (
    <div>
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
            <th className="py-1.5 pr-2 font-medium">{t('market:steps.line')}</th>
            <th className="hidden py-1.5 pr-2 font-medium sm:table-cell">{t('market:steps.basis')}</th>
            <th className="py-1.5 text-right font-medium">{t('market:steps.value')}</th>
          </tr>
        </thead>
        <tbody>
          {valuation.steps.map((s) => (
            <tr
              key={s.key}
              className={`border-b border-slate-100 ${s.operation === '=' ? 'font-semibold' : ''}`}
            >
              <td className="py-1.5 pr-2 align-top">
                <span className="mr-1 inline-block w-3 text-slate-500">{s.operation}</span>
                {s.label}
                {s.detail ? (
                  <span className="block pl-4 text-xs font-normal text-slate-500">{s.detail}</span>
                ) : null}
                {s.basis ? (
                  <span className="block pl-4 text-xs font-normal text-slate-400 sm:hidden">{s.basis}</span>
                ) : null}
              </td>
              <td className="hidden py-1.5 pr-2 align-top text-xs text-slate-500 sm:table-cell">{s.basis}</td>
              <td className="py-1.5 text-right align-top tabular-nums">{stepValue(s, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {valuation.warnings.length ? (
        <ul className="mt-3 list-disc space-y-1 pl-5 text-xs text-amber-800">
          {valuation.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
