import { useId } from 'react';

/** A labelled file picker that hands over the chosen file (or null when the choice is cleared). */
export function FileField({
  label,
  hint,
  accept,
  onFile,
}: {
  label: string;
  hint?: string | null;
  accept: string;
  onFile: (file: File | null) => void;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept={accept}
        className="mt-1.5 block w-full text-sm"
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}
