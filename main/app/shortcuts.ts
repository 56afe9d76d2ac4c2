/**
 * The projector toggle keys. Handled in `before-input-event` of every window (so they also work from
 * the menu-less projector window), which also keeps the menu accelerator from firing a second time.
 */
import type { Input } from 'electron';

export const PROJECTOR_ACCELERATOR = 'F5';

export function isProjectorShortcut(input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>): boolean {
  if (input.type !== 'keyDown') return false;
  if (input.key === 'F5' && !input.control && !input.meta && !input.alt) return true;
  return (input.control || input.meta) && !input.alt && !input.shift && input.key.toLowerCase() === 'p';
}
