import type { SignatureField } from '../schema.js';

const TONES = {
  amber: 'bg-amber-200/50 ring-amber-500 text-amber-900',
  brand: 'bg-brand/15 ring-brand text-brand',
  slate: 'bg-slate-200/60 ring-slate-500 text-slate-700',
} as const;

/** A signature or date field drawn over a PDF page at its relative position. */
export function FieldBox({
  field,
  label,
  tone,
  onClick,
}: {
  field: SignatureField;
  label: string;
  tone: keyof typeof TONES;
  onClick?: () => void;
}) {
  const style = {
    left: `${field.x * 100}%`,
    top: `${field.y * 100}%`,
    width: `${field.width * 100}%`,
    height: `${field.height * 100}%`,
  };
  const className = `absolute flex items-center justify-center overflow-hidden rounded text-[10px] font-semibold ring-2 ring-inset ${TONES[tone]}`;
  return onClick ? (
    <button
      type="button"
      style={style}
      className={`${className} cursor-pointer`}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {label}
    </button>
  ) : (
    <div style={style} className={className} data-testid="signature-field">
      {label}
    </div>
  );
}
