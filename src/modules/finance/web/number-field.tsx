import { TextField } from '../../../web/components/field.js';
import { parseDecimal } from './format.js';

/** A German-format number input ("300.000", "3,5") with a unit and an inline complaint when unreadable. */
export function NumberField({
  label,
  value,
  onChange,
  unit,
  hint,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  unit: string;
  hint?: string;
}) {
  const invalid = value.trim() !== '' && parseDecimal(value) === null;
  return (
    <TextField
      label={`${label} (${unit})`}
      value={value}
      inputMode="decimal"
      autoComplete="off"
      onChange={(e) => onChange(e.target.value)}
      error={invalid ? 'Bitte eine Zahl eingeben, z. B. 300.000 oder 3,5.' : null}
      hint={hint}
    />
  );
}
