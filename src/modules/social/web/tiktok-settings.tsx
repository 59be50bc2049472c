import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { SelectField } from '../../../web/components/field.js';
import { Spinner } from '../../../web/components/spinner.js';
import type { AccountView } from '../contract.js';
import type { TikTokChoice } from './composer-state.js';

interface CreatorInfo {
  nickname: string;
  username: string;
  privacyLevelOptions: string[];
  commentDisabled: boolean;
  duetDisabled: boolean;
  stitchDisabled: boolean;
}

/**
 * TikTok's Content Sharing Guidelines: show whose account the post goes to, let the person
 * choose who sees it (from the creator's own options, no preset) and what viewers may do.
 */
export function TikTokSettings({
  account,
  value,
  onChange,
}: {
  account: AccountView;
  value: TikTokChoice | undefined;
  onChange: (choice: TikTokChoice) => void;
}) {
  const { t } = useTranslation();
  const creator = useQuery({
    queryKey: ['social', 'tiktok-creator', account.id],
    queryFn: () => api<CreatorInfo>(`/social-media/accounts/${account.id}/tiktok-creator`),
    enabled: account.mode !== 'offline',
  });
  const options = creator.data?.privacyLevelOptions ?? [
    'PUBLIC_TO_EVERYONE',
    'MUTUAL_FOLLOW_FRIENDS',
    'FOLLOWER_OF_CREATOR',
    'SELF_ONLY',
  ];
  const choice: TikTokChoice = value ?? {
    privacyLevel: '',
    allowComment: false,
    allowDuet: false,
    allowStitch: false,
  };
  const toggle = (key: 'allowComment' | 'allowDuet' | 'allowStitch', disabled: boolean, label: string) => (
    <label className={`flex items-center gap-2 text-sm ${disabled ? 'text-slate-400' : 'text-slate-700'}`}>
      <input
        type="checkbox"
        checked={choice[key] && !disabled}
        disabled={disabled}
        onChange={(e) => onChange({ ...choice, [key]: e.target.checked })}
      />
      {label}
    </label>
  );
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3" data-testid="tiktok-settings">
      <legend className="px-1 text-sm font-medium text-slate-700">{t('social:tiktok.title')}</legend>
      {account.mode === 'offline' ? null : creator.isPending ? (
        <Spinner label={t('social:tiktok.loading')} />
      ) : creator.isError ? (
        <p className="text-sm text-red-700">{errorMessage(creator.error, t)}</p>
      ) : (
        <p className="text-sm text-slate-600">
          {t('social:tiktok.postingAs', { nickname: creator.data.nickname, username: creator.data.username })}
        </p>
      )}
      <SelectField
        label={t('social:tiktok.privacy')}
        value={choice.privacyLevel}
        onChange={(e) => onChange({ ...choice, privacyLevel: e.target.value })}
        options={[
          { value: '', label: t('social:tiktok.choose') },
          ...options.map((level) => ({
            value: level,
            label: t(`social:tiktok.levels.${level}`, { defaultValue: level }),
          })),
        ]}
      />
      <div className="flex flex-wrap gap-4">
        {toggle('allowComment', creator.data?.commentDisabled ?? false, t('social:tiktok.comment'))}
        {toggle('allowDuet', creator.data?.duetDisabled ?? false, t('social:tiktok.duet'))}
        {toggle('allowStitch', creator.data?.stitchDisabled ?? false, t('social:tiktok.stitch'))}
      </div>
      <p className="text-xs text-slate-500">{t('social:tiktok.consent')}</p>
    </fieldset>
  );
}
