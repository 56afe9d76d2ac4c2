/** Registration tests' shared checks: registered at all, and how far the found homography puts the digit boxes. */
import assert from 'node:assert/strict';
import { applyH, type Homography } from '../../main/recognition/register/geometry.ts';
import type { RegisterResult } from '../../main/recognition/register/types.ts';
import type { FormTemplate } from '../../main/recognition/templates/schema.ts';

export function registered(r: RegisterResult): asserts r is Extract<RegisterResult, { kind: 'registered' }> {
  assert.equal(r.kind, 'registered', r.kind === 'registered' ? '' : r.reason);
}

/** Largest distance (canonical px) between where two homographies put the template's digit boxes. */
export function fieldError(t: FormTemplate, found: Homography, truth: Homography): number {
  const scale = Math.sqrt(Math.abs(truth[0] * truth[4] - truth[1] * truth[3]));
  let max = 0;
  for (const f of t.fields) {
    for (const d of f.digits) {
      const p = { x: d.x + d.w / 2, y: d.y + d.h / 2 };
      const a = applyH(found, p);
      const b = applyH(truth, p);
      max = Math.max(max, Math.hypot(a.x - b.x, a.y - b.y) / scale);
    }
  }
  return max;
}
