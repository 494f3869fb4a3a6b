// A number param: slider + number box when it has a range, a number box otherwise; with
// `allowAuto`, an "auto" checkbox in front (numberOrAuto params).

import { useEffect, useState } from 'react';
import { gestureUntilPointerUp } from '../store/edit-groups.ts';

interface Props {
  id: string;
  label: string;
  value: number | 'auto';
  min?: number;
  max?: number;
  step?: number;
  allowAuto?: boolean;
  onChange(value: number | 'auto'): void;
}

const clamp = (v: number, min?: number, max?: number) => Math.min(max ?? Infinity, Math.max(min ?? -Infinity, v));

/** A number to start from when "auto" is unticked: the middle of the range, on the step grid. */
function startValue(min?: number, max?: number, step?: number): number {
  if (min === undefined || max === undefined) return min ?? max ?? 0;
  const mid = (min + max) / 2;
  return step ? Math.round(mid / step) * step : mid;
}

export function NumberField({ id, label, value, min, max, step, allowAuto, onChange }: Props) {
  const isAuto = value === 'auto';
  const [lastNumber, setLastNumber] = useState(isAuto ? startValue(min, max, step) : value);
  const [text, setText] = useState(isAuto ? '' : String(value));
  useEffect(() => {
    if (value !== 'auto') {
      setLastNumber(value);
      setText(String(value));
    }
  }, [value]);
  const stepAttr = step ?? (max !== undefined && min !== undefined && max - min <= 2 ? 0.01 : 1);
  const commit = (raw: string) => {
    setText(raw);
    const v = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(v) && v === clamp(v, min, max)) onChange(v);
  };
  const hasRange = min !== undefined && max !== undefined;
  return (
    <div className="number-field">
      {allowAuto && (
        <label className="auto-toggle">
          <input
            type="checkbox"
            checked={isAuto}
            aria-label={`${label}: auto`}
            onChange={(e) => onChange(e.target.checked ? 'auto' : lastNumber)}
          />
          auto
        </label>
      )}
      {hasRange && (
        <input
          type="range"
          aria-label={`${label} slider`}
          min={min}
          max={max}
          step={stepAttr}
          value={isAuto ? lastNumber : value}
          disabled={isAuto}
          onPointerDown={gestureUntilPointerUp}
          onChange={(e) => commit(e.target.value)}
        />
      )}
      <input
        id={id}
        type="number"
        className="number-input"
        min={min}
        max={max}
        step={stepAttr}
        value={isAuto ? '' : text}
        placeholder={isAuto ? 'auto' : undefined}
        disabled={isAuto}
        onChange={(e) => commit(e.target.value)}
        onBlur={() => !isAuto && setText(String(value))}
      />
    </div>
  );
}
