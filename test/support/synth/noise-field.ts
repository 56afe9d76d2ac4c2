/** Smooth seeded value noise (a lattice of random values, smoothstep-interpolated), for textures and light. */
import type { Rng } from './rng.ts';

export class ValueNoise {
  private readonly grid: Float32Array;
  private readonly mask: number;
  /** `size` must be a power of two (wrap-around by bit mask). */
  constructor(rng: Rng, private readonly size = 64) {
    if (size & (size - 1)) throw new Error('ValueNoise size must be a power of two');
    this.mask = size - 1;
    this.grid = new Float32Array(size * size);
    for (let i = 0; i < this.grid.length; i++) this.grid[i] = rng.next();
  }

  /** 0..1, period `size` lattice units in both directions. */
  at(x: number, y: number): number {
    const n = this.size, m = this.mask;
    const xi = Math.floor(x), yi = Math.floor(y);
    let fx = x - xi, fy = y - yi;
    fx = fx * fx * (3 - 2 * fx);
    fy = fy * fy * (3 - 2 * fy);
    const x0 = xi & m, y0 = yi & m;
    const x1 = (x0 + 1) & m, y1 = (y0 + 1) & m;
    const g = this.grid;
    const a = g[y0 * n + x0], b = g[y0 * n + x1], c = g[y1 * n + x0], d = g[y1 * n + x1];
    return (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy;
  }

  /** Fractal sum of octaves, normalised to 0..1. */
  fbm(x: number, y: number, octaves = 4): number {
    let sum = 0, amp = 1, norm = 0, f = 1;
    for (let o = 0; o < octaves; o++) {
      sum += amp * this.at(x * f + o * 17.3, y * f + o * 9.1);
      norm += amp;
      amp *= 0.5;
      f *= 2;
    }
    return sum / norm;
  }
}
