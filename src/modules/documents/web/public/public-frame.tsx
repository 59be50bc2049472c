import type { ReactNode } from 'react';
import type { PublicOffice } from '../../../../platform/tenancy/public-office.js';

/**
 * The frame of the pages a buyer or signer opens from a link: no menu, the office up top and
 * its Impressum and privacy links at the bottom (§ 5 DDG).
 */
export function PublicFrame({ office, children }: { office?: PublicOffice; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center gap-2 px-4 py-3">
          <img src="/favicon.svg" alt="" className="size-7" />
          <span className="font-semibold tracking-tight text-slate-900">{office?.name ?? 'ImmoXX'}</span>
        </div>
      </header>
      <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">{children}</main>
      {office?.imprintUrl ? (
        <footer className="px-4 py-6 text-center text-sm text-slate-500">
          {office.name} ·{' '}
          <a className="underline" href={office.imprintUrl}>
            Impressum
          </a>
          {office.privacyUrl ? (
            <>
              {' · '}
              <a className="underline" href={office.privacyUrl}>
                Datenschutz
              </a>
            </>
          ) : null}
        </footer>
      ) : null}
    </div>
  );
}

export function Notice({
  title,
  text,
  tone = 'gray',
}: {
  title: string;
  text?: string;
  tone?: 'gray' | 'red' | 'green';
}) {
  const tones = {
    gray: 'bg-white ring-slate-200',
    red: 'bg-red-50 ring-red-200 text-red-900',
    green: 'bg-emerald-50 ring-emerald-200 text-emerald-900',
  };
  return (
    <div
      role="status"
      className={`mx-auto max-w-lg rounded-xl p-6 text-center shadow-sm ring-1 ${tones[tone]}`}
    >
      <h1 className="text-lg font-semibold">{title}</h1>
      {text ? <p className="mt-2 text-sm">{text}</p> : null}
    </div>
  );
}
