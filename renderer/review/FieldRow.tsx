/**
 * One field: label, crop, value input, machine reading. Focus selects the value so typing replaces it;
 * Enter or Tab saves and moves on (Shift goes back); Esc puts the saved value back.
 */
import { useEffect, useState } from 'react';
import type { ReviewField } from '../../shared/api/methods/review.ts';
import { FieldCrop } from './FieldCrop.tsx';

const pct = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 0 });

export function FieldRow({ field, image, aspect, inconsistent, inputRef, onFocus, onSave, onMove }: {
  field: ReviewField;
  image: string | null;
  aspect: number | null;
  inconsistent: boolean;
  inputRef: (el: HTMLInputElement | null) => void;
  onFocus: () => void;
  onSave: (field: ReviewField, value: number) => Promise<boolean>;
  onMove: (delta: number) => void;
}) {
  const saved = field.value === null ? '' : String(field.value);
  const [text, setText] = useState(saved);
  useEffect(() => setText(saved), [saved]);
  const lowConfidence = field.needsReview;
  const commit = async (): Promise<boolean> => {
    if (text === saved) return true;
    if (!/^\d{1,3}$/.test(text)) { setText(saved); return false; }
    return onSave(field, Number(text));
  };
  const classes = ['review-field', lowConfidence ? 'is-low' : '', inconsistent ? 'is-inconsistent' : '', field.source === 'operator' || field.source === 'pleno' ? 'is-edited' : '']
    .filter(Boolean).join(' ');
  return (
    <tr className={classes} data-field={field.fieldId}>
      <th scope="row"><span className="field-id">{field.fieldId}</span> <span className="field-label">{field.label}</span></th>
      <td className="field-crop-cell"><FieldCrop src={image} box={field.box} aspect={aspect} /></td>
      <td>
        <input
          ref={inputRef}
          className="field-input"
          inputMode="numeric"
          aria-label={`${field.fieldId} ${field.label}`}
          value={text}
          onFocus={(e) => { e.currentTarget.select(); onFocus(); }}
          onChange={(e) => setText(e.target.value.replace(/\D/g, '').slice(0, 3))}
          onKeyDown={(e) => {
            if (e.key === 'Escape') { setText(saved); e.currentTarget.select(); return; }
            if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
              e.preventDefault();
              const delta = e.shiftKey ? -1 : 1;
              void commit().then((ok) => ok && onMove(delta));
            }
          }}
          onBlur={() => void commit()}
        />
      </td>
      <td className="field-machine">
        {field.machine === null ? (
          <span className="muted">tidak terbaca mesin</span>
        ) : (
          <>
            {field.machine.value ?? '—'} <span className={`conf ${lowConfidence ? 'conf--low' : ''}`}>{pct.format(field.machine.confidence)}</span>
          </>
        )}
        {field.source && field.source !== 'machine' && <span className="field-source"> · diubah {field.source === 'pleno' ? 'pleno' : 'operator'}</span>}
      </td>
    </tr>
  );
}
