/**
 * A smooth quantity (background texture, light) stored on a coarse grid and magnified one output
 * row at a time by bilinear interpolation. Cheaper than resizing a full 12 MP buffer and keeps
 * memory to one row.
 */
export interface CoarseField {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Float32Array;
}

export class RowUpsampler {
  private readonly x0: Int32Array;
  private readonly fx: Float32Array;
  private readonly coarseRow: Float32Array;
  readonly row: Float32Array;

  constructor(private readonly field: CoarseField, private readonly outW: number, private readonly outH: number) {
    const sx = field.width / outW;
    this.x0 = new Int32Array(outW);
    this.fx = new Float32Array(outW);
    for (let x = 0; x < outW; x++) {
      const g = Math.min(field.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const i = Math.min(field.width - 2, Math.floor(g));
      this.x0[x] = Math.max(0, i);
      this.fx[x] = field.width > 1 ? g - this.x0[x] : 0;
    }
    this.coarseRow = new Float32Array(field.width * field.channels);
    this.row = new Float32Array(outW * field.channels);
  }

  /** Fills and returns `row` for output row y; columns in [skipFrom, skipTo) are left stale (not needed). */
  at(y: number, skipFrom = 0, skipTo = 0): Float32Array {
    const f = this.field, ch = f.channels, cw = f.width;
    const g = Math.min(f.height - 1, Math.max(0, (y + 0.5) * (f.height / this.outH) - 0.5));
    const r0 = Math.min(f.height - 2, Math.floor(g)), r = Math.max(0, r0);
    const fy = f.height > 1 ? g - r : 0;
    const a = r * cw * ch, b = Math.min(f.height - 1, r + 1) * cw * ch;
    for (let i = 0; i < cw * ch; i++) this.coarseRow[i] = f.data[a + i] * (1 - fy) + f.data[b + i] * fy;
    const cr = this.coarseRow, out = this.row, x0 = this.x0, fx = this.fx, n = this.outW;
    const step = cw > 1 ? ch : 0;
    if (ch === 1) {
      for (let x = 0; x < n; x++) {
        if (x === skipFrom && skipTo > skipFrom) x = skipTo;
        if (x >= n) break;
        const k = x0[x], t = fx[x];
        out[x] = cr[k] + (cr[k + step] - cr[k]) * t;
      }
    } else {
      for (let x = 0; x < n; x++) {
        if (x === skipFrom && skipTo > skipFrom) x = skipTo;
        if (x >= n) break;
        const k = x0[x] * 3, t = fx[x], o = x * 3;
        out[o] = cr[k] + (cr[k + step] - cr[k]) * t;
        out[o + 1] = cr[k + 1] + (cr[k + 1 + step] - cr[k + 1]) * t;
        out[o + 2] = cr[k + 2] + (cr[k + 2 + step] - cr[k + 2]) * t;
      }
    }
    return out;
  }
}
