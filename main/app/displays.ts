/**
 * Choosing where the projector goes. A pleno hall has the operator's laptop screen plus a projector
 * or a big TV; the projector window belongs on the screen the console is NOT on.
 */
import type { Display, Rectangle } from 'electron';

export type DisplayInfo = Pick<Display, 'id' | 'bounds' | 'workArea'>;

/**
 * The display for the projector: one other than the console's, preferring the non-primary one.
 * Null when there is only one display (then the projector is an ordinary window).
 */
export function pickProjectorDisplay<D extends DisplayInfo>(displays: readonly D[], consoleDisplayId: number | null, primaryId: number): D | null {
  const others = displays.filter((d) => d.id !== (consoleDisplayId ?? primaryId));
  if (others.length === 0) return null;
  return others.find((d) => d.id !== primaryId) ?? others[0]!;
}

/** A window of the given size centred in a work area, for the projector when it has no screen of its own. */
export function centredIn(workArea: Rectangle, width: number, height: number): Rectangle {
  const w = Math.min(width, workArea.width);
  const h = Math.min(height, workArea.height);
  return {
    x: Math.round(workArea.x + (workArea.width - w) / 2),
    y: Math.round(workArea.y + (workArea.height - h) / 2),
    width: w,
    height: h,
  };
}
