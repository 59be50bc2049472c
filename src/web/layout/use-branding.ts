import { useEffect } from 'react';
import type { Me } from '../api/session.js';

/** Applies the tenant's colours to the whole UI through CSS variables. */
export function useBranding(me: Me | null | undefined): void {
  const primary = me?.tenant?.branding.primaryColor;
  const accent = me?.tenant?.branding.accentColor;
  const title = me?.tenant?.branding.displayName;
  useEffect(() => {
    const root = document.documentElement;
    if (primary) root.style.setProperty('--brand', primary);
    if (accent) root.style.setProperty('--brand-accent', accent);
    document.title = title ? `${title} · ImmoXX` : 'ImmoXX';
  }, [primary, accent, title]);
}
