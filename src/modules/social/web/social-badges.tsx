import { useTranslation } from 'react-i18next';
import { Badge } from '../../../web/components/badge.js';

export const PLATFORM_COLOURS: Record<string, string> = {
  facebook: '#1877f2',
  instagram: '#c13584',
  linkedin: '#0a66c2',
  tiktok: '#111827',
};

const TARGET_TONES: Record<string, 'gray' | 'green' | 'amber' | 'red' | 'blue'> = {
  entwurf: 'gray',
  zur_freigabe: 'amber',
  geplant: 'blue',
  wartet_limit: 'amber',
  wird_gesendet: 'blue',
  veroeffentlicht: 'green',
  teilweise: 'amber',
  fehlgeschlagen: 'red',
  ungewiss: 'amber',
  manuell: 'amber',
};

export function StatusBadge({ status, kind }: { status: string; kind: 'post' | 'target' }) {
  const { t } = useTranslation();
  return (
    <Badge tone={TARGET_TONES[status] ?? 'gray'}>
      {t(`social:${kind === 'post' ? 'postStatus' : 'targetStatus'}.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function PlatformDot({ platform }: { platform: string }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex items-center gap-1.5 text-xs font-medium text-slate-700">
      <span
        className="inline-block size-2.5 rounded-full"
        style={{ backgroundColor: PLATFORM_COLOURS[platform] ?? '#64748b' }}
        aria-hidden="true"
      />
      {t(`social:platform.${platform}`, { defaultValue: platform })}
    </span>
  );
}

export function ModeBadge({ mode }: { mode: string }) {
  const { t } = useTranslation();
  return (
    <Badge tone={mode === 'live' ? 'green' : mode === 'sandbox' ? 'brand' : 'gray'}>
      {t(`social:mode.${mode}`)}
    </Badge>
  );
}
