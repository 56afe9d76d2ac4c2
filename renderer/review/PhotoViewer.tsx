/**
 * The page photo with zoom and pan: mouse wheel / drag, or the keyboard (+ / − zoom, arrow keys pan, 0 fits)
 * while the viewer has focus. The focused field's box is outlined on the page so the eye finds it.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import type { ReviewField } from '../../shared/api/methods/review.ts';

export function PhotoViewer({ src, aspect, focusBox, label }: {
  src: string | null;
  aspect: number | null;
  focusBox: ReviewField['box'] | null;
  label: string;
}) {
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number } | null>(null);
  const zoomBy = (f: number) => setZoom((z) => Math.min(8, Math.max(1, z * f)));
  const onKey = (e: KeyboardEvent) => {
    const step = 60;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (e.key === '+' || e.key === '=') zoomBy(1.25);
    else if (e.key === '-') zoomBy(0.8);
    else if (e.key === '0') { setZoom(1); setPan({ x: 0, y: 0 }); }
    else if (moves[e.key]) setPan((p) => ({ x: p.x + moves[e.key]![0], y: p.y + moves[e.key]![1] }));
    else return;
    e.preventDefault();
  };
  const onWheel = (e: WheelEvent) => zoomBy(e.deltaY < 0 ? 1.15 : 0.87);
  const onDown = (e: PointerEvent) => { drag.current = { x: e.clientX - pan.x, y: e.clientY - pan.y }; (e.target as Element).setPointerCapture?.(e.pointerId); };
  const onMove = (e: PointerEvent) => { if (drag.current) setPan({ x: e.clientX - drag.current.x, y: e.clientY - drag.current.y }); };
  const onUp = () => { drag.current = null; };

  return (
    <div className="photo-viewer" tabIndex={0} role="img" aria-label={`${label} — perbesar dengan + dan −, geser dengan tombol panah, 0 untuk kembali`}
      onKeyDown={onKey} onWheel={onWheel} onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp}>
      {src ? (
        <div className="photo-stage" style={{ transform: `translate(${pan.x}px, ${pan.y}px) scale(${zoom})`, aspectRatio: aspect ? String(aspect) : undefined }}>
          <img src={src} alt="" draggable={false} />
          {focusBox && (
            <div className="photo-focus" style={{ left: `${focusBox.x * 100}%`, top: `${focusBox.y * 100}%`, width: `${focusBox.w * 100}%`, height: `${focusBox.h * 100}%` }} />
          )}
        </div>
      ) : (
        <p className="empty">Memuat foto…</p>
      )}
      <div className="photo-zoom" aria-hidden="true">{Math.round(zoom * 100)}%</div>
    </div>
  );
}
