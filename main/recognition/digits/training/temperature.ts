/**
 * Temperature scaling: one scalar T dividing the logits, chosen to minimise the negative
 * log-likelihood on held-out data. It does not change which class wins, only how sure the
 * probabilities claim to be — which matters because the joint decoder multiplies them.
 */
export interface TemperatureFit {
  temperature: number;
  nll: number;
  nllAtOne: number;
  /** Expected calibration error (15 bins of top-1 confidence) at the fitted temperature. */
  ece: number;
}

function nllAt(logits: Float32Array, labels: Uint8Array, k: number, t: number): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const o = i * k;
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[o + j] / t);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(logits[o + j] / t - max);
    total += Math.log(sum) + max - logits[o + labels[i]] / t;
  }
  return total / labels.length;
}

export function expectedCalibrationError(logits: Float32Array, labels: Uint8Array, k: number, t: number, bins = 15): number {
  const conf = new Float64Array(bins);
  const acc = new Float64Array(bins);
  const cnt = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const o = i * k;
    let max = -Infinity, arg = 0;
    for (let j = 0; j < k; j++) if (logits[o + j] / t > max) { max = logits[o + j] / t; arg = j; }
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(logits[o + j] / t - max);
    const p = 1 / sum;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    conf[b] += p;
    acc[b] += arg === labels[i] ? 1 : 0;
    cnt[b]++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (cnt[b] > 0) ece += Math.abs(acc[b] - conf[b]);
  return ece / labels.length;
}

export function fitTemperature(logits: Float32Array, labels: Uint8Array, k: number): TemperatureFit {
  // NLL is unimodal in log T: golden-section search on log T in [ln 0.25, ln 8].
  let a = Math.log(0.25), b = Math.log(8);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a), d = a + g * (b - a);
  let fc = nllAt(logits, labels, k, Math.exp(c)), fd = nllAt(logits, labels, k, Math.exp(d));
  for (let i = 0; i < 40; i++) {
    if (fc < fd) {
      b = d; d = c; fd = fc; c = b - g * (b - a); fc = nllAt(logits, labels, k, Math.exp(c));
    } else {
      a = c; c = d; fc = fd; d = a + g * (b - a); fd = nllAt(logits, labels, k, Math.exp(d));
    }
  }
  const temperature = Math.exp((a + b) / 2);
  return {
    temperature,
    nll: nllAt(logits, labels, k, temperature),
    nllAtOne: nllAt(logits, labels, k, 1),
    ece: expectedCalibrationError(logits, labels, k, temperature),
  };
}
