import { useTranslation } from 'react-i18next';
import type { SourceView } from '../contract.js';

/** Where the prices under a chart or table came from, and under which licence. */
export function SourcesFooter({ sources }: { sources: SourceView[] }) {
  const { t } = useTranslation();
  if (sources.length === 0) return null;
  return (
    <footer className="mt-3 border-t border-slate-100 pt-2 text-xs text-slate-500" data-testid="sources">
      <span className="font-medium">{t('market:sources.title')}: </span>
      {sources.map((s, i) => (
        <span key={`${s.name}|${s.source}|${s.licence}`}>
          {i > 0 ? ' · ' : ''}
          {s.name} ({s.source};{' '}
          {s.licenceUrl ? (
            <a className="underline" href={s.licenceUrl}>
              {t('market:sources.licence', { licence: s.licence })}
            </a>
          ) : (
            t('market:sources.licence', { licence: s.licence })
          )}
          ){s.demo ? <strong className="ml-1 text-amber-700">{t('market:sources.demo')}</strong> : null}
        </span>
      ))}
    </footer>
  );
}
