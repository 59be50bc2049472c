import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** The file field for a floor plan (PNG, JPEG, WebP or PDF) with its hint or error. */
export function PlanFileInput(props: { error: string | null; onFile(file: File | null): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div>
      <label className="block text-sm font-medium text-slate-700" htmlFor={id}>
        {t('models3d:upload.file')}
      </label>
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg,image/webp,application/pdf"
        className="mt-1.5 block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium"
        onChange={(e) => props.onFile(e.target.files?.[0] ?? null)}
      />
      <p className={`mt-1 text-xs ${props.error ? 'text-red-600' : 'text-slate-500'}`}>
        {props.error ?? t('models3d:upload.hint')}
      </p>
    </div>
  );
}
