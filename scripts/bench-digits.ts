/**
 * npm run bench:digits — measures the committed digit-box model on this machine:
 * full MNIST test accuracy (raw digits through the same normalizeBoxCrop path), digits/s
 * (preprocessing + net, and net alone, one thread), the most confused pairs, accuracy on MNIST
 * test digits drawn into synthetic form boxes, blank/cross recognition and calibration.
 *
 *   node --import tsx scripts/bench-digits.ts [--model PATH]
 */
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { cropGray } from '../main/recognition/gray-image.ts';
import {
  BLANK_INDEX,
  CROSS_INDEX,
  DEFAULT_DIGIT_MODEL_PATH,
  DIGIT_CLASSES,
  classifyBox,
  classifyNormalized,
  loadDigitModel,
  mnistToGray,
  REFINE_BELOW,
} from '../main/recognition/digits/index.ts';
import { loadMnist } from '../main/recognition/digits/mnist.ts';
import { BOXED_TEST_DIGITS, EvalSets } from '../main/recognition/digits/training/eval-sets.ts';
import { expectedCalibrationError } from '../main/recognition/digits/training/temperature.ts';

const i = process.argv.indexOf('--model');
const path = i >= 0 ? process.argv[i + 1] : DEFAULT_DIGIT_MODEL_PATH;
const model = loadDigitModel(path);
const test = loadMnist('test');
const K = DIGIT_CLASSES.length;
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

console.log(`model ${path} (${(statSync(path).size / 1024).toFixed(0)} KB): ${model.meta.architecture}`);
console.log(`  ${model.meta.paramCount} parameters, temperature ${model.temperature.toFixed(3)}, trained ${model.meta.training.epochs} epochs in ${(model.meta.training.seconds / 60).toFixed(1)} min (seed ${model.meta.training.seed})`);

// 1. Full MNIST test set, raw digits as crops.
const confusion = new Int32Array(K * K);
let correct = 0;
const crops = Array.from({ length: test.count }, (_, n) => mnistToGray(test.images, n * 784));
const logitsAll = new Float32Array(test.count * K);
const labels = Uint8Array.from(test.labels);
// Wall time depends on what else runs on the machine; CPU time of this (single) thread does not.
const cpuSecs = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
};
let t0 = performance.now();
let c0 = process.cpuUsage();
for (let n = 0; n < test.count; n++) {
  const r = classifyBox(model, crops[n]);
  let best = 0;
  for (let k = 1; k < K; k++) if (r.probs[k] > r.probs[best]) best = k;
  confusion[labels[n] * K + best]++;
  if (best === labels[n]) correct++;
  for (let k = 0; k < K; k++) logitsAll[n * K + k] = Math.log(Math.max(r.probs[k], 1e-30));
}
const fullSecs = (performance.now() - t0) / 1000;
const fullCpu = cpuSecs(c0);
console.log(`\nMNIST test (10,000 raw digits through normalizeBoxCrop + net): ${pct(correct / test.count)} (${test.count - correct} errors)`);
console.log(`  speed incl. preprocessing: ${(test.count / fullSecs).toFixed(0)} digits/s wall, ${(test.count / fullCpu).toFixed(0)} digits per CPU-second (one thread) = ${((1e6 * fullCpu) / test.count).toFixed(0)} µs CPU per box`);

// Net alone on pre-normalised inputs, to separate the two costs; and without the low-confidence
// shift refinement, to show what it buys.
const inputs = new Float32Array(test.count * 784);
for (let n = 0; n < test.count; n++) {
  classifyBox(model, crops[n]);
  inputs.set(model.input, n * 784);
}
const out = new Float32Array(K);
let plainOk = 0;
let unsure = 0;
t0 = performance.now();
c0 = process.cpuUsage();
for (let n = 0; n < test.count; n++) {
  const p = classifyNormalized(model, inputs.subarray(n * 784, (n + 1) * 784), out, 0);
  let best = 0;
  for (let k = 1; k < K; k++) if (p[k] > p[best]) best = k;
  if (best === labels[n]) plainOk++;
  if (p[best] < REFINE_BELOW) unsure++;
}
const netSecs = (performance.now() - t0) / 1000;
const netCpu = cpuSecs(c0);
console.log(`  speed of the net alone: ${(test.count / netSecs).toFixed(0)} digits/s wall, ${(test.count / netCpu).toFixed(0)} per CPU-second`);
console.log(`  without the test-time shifts of unsure digits (p < ${REFINE_BELOW}, ${pct(unsure / test.count)} of digits): ${pct(plainOk / test.count)} (${test.count - plainOk} errors)`);
console.log(`  calibration (ECE, 15 bins) on MNIST test: ${expectedCalibrationError(logitsAll, labels, K, 1).toFixed(4)}`);

const pairs: Array<[string, number]> = [];
for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) if (a !== b && confusion[a * K + b] > 0) pairs.push([`${DIGIT_CLASSES[a]}→${DIGIT_CLASSES[b]}`, confusion[a * K + b]]);
pairs.sort((x, y) => y[1] - x[1]);
console.log(`  most confused (true→read): ${pairs.slice(0, 10).map(([p, c]) => `${p} ×${c}`).join(', ')}`);
const sym = (a: number, b: number) => confusion[a * K + b] + confusion[b * K + a];
console.log(`  watched pairs: 3↔8 ×${sym(3, 8)}, 1↔7 ×${sym(1, 7)}, 4↔9 ×${sym(4, 9)}, 5↔6 ×${sym(5, 6)}, 3↔5 ×${sym(3, 5)}, 0↔6 ×${sym(0, 6)}`);

// 2. MNIST test digits drawn into synthetic form boxes (border, dotted guide, noise), + empty boxes.
const sets = new EvalSets(test, test, new Int32Array(0));
const nBoxed = sets.size('boxed-test');
const boxedLogits = new Float32Array(nBoxed * K);
const boxedLabels = new Uint8Array(nBoxed);
const input = new Float32Array(784);
let digitOk = 0, blankOk = 0, crossOk = 0, noDigitOk = 0, nBlank = 0, nCross = 0, emptyAsDigit = 0, digitAsEmpty = 0;
for (let n = 0; n < nBoxed; n++) {
  const label = sets.build('boxed-test', n, input);
  boxedLabels[n] = label;
  const p = classifyNormalized(model, input, out);
  let best = 0;
  for (let k = 1; k < K; k++) if (p[k] > p[best]) best = k;
  for (let k = 0; k < K; k++) boxedLogits[n * K + k] = Math.log(Math.max(p[k], 1e-30));
  const isEmpty = label === BLANK_INDEX || label === CROSS_INDEX;
  const readEmpty = best === BLANK_INDEX || best === CROSS_INDEX;
  if (!isEmpty) {
    if (best === label) digitOk++;
    if (readEmpty) digitAsEmpty++;
  } else {
    if (label === BLANK_INDEX) { nBlank++; if (best === label) blankOk++; }
    else { nCross++; if (best === label) crossOk++; }
    if (readEmpty) noDigitOk++;
    else emptyAsDigit++;
  }
}
console.log(`\nSynthetic boxes (MNIST test digits 0..${BOXED_TEST_DIGITS - 1} in rendered form boxes):`);
console.log(`  digits read right: ${pct(digitOk / BOXED_TEST_DIGITS)}; digits read as no-digit: ${digitAsEmpty}`);
console.log(`  blank → blank ${pct(blankOk / nBlank)}, cross → cross ${pct(crossOk / nCross)}, empty → blank|cross ${pct(noDigitOk / (nBlank + nCross))} (${emptyAsDigit} read as a digit)`);
console.log(`  calibration (ECE) on these: ${expectedCalibrationError(boxedLogits, boxedLabels, K, 1).toFixed(4)}`);

// 3. Real photo: the 18 boxes of the NETGRIT sample (same rectangles as the test).
const photo = fileURLToPath(new URL('../../shared/photos/netgrit-ppwp-hal2-a.jpg', import.meta.url));
if (existsSync(photo)) {
  const { data, info } = await sharp(photo).greyscale().raw().toBuffer({ resolveWithObject: true });
  const page = { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  const rows: Array<[string, number, number, number[]]> = [
    ['123', 610, 689, [1397, 1473, 1549]], ['X45', 926, 1004, [1394, 1470, 1546]], ['X67', 1236, 1314, [1390, 1466, 1542]],
    ['235', 1644, 1720, [1388, 1463, 1539]], ['X18', 1850, 1927, [1387, 1462, 1538]], ['253', 2190, 2267, [1386, 1460, 1535]],
  ];
  let ok = 0;
  const lines: string[] = [];
  for (const [truth, y0, y1, xs] of rows) {
    const read = xs.map((x0, k) => {
      const w = 66, h = y1 - y0, mx = Math.round(0.08 * w), my = Math.round(0.08 * h);
      const r = classifyBox(model, cropGray(page, x0 - mx, y0 - my, w + 2 * mx, h + 2 * my));
      const want = truth[k] === 'X' ? 'cross' : truth[k];
      if (r.top[0].label === want || (want === 'cross' && r.top[0].label === 'blank')) ok++;
      return `${r.top[0].label === 'cross' ? 'X' : r.top[0].label === 'blank' ? '_' : r.top[0].label}(${r.top[0].p.toFixed(2)})`;
    });
    lines.push(`${truth}: ${read.join(' ')}`);
  }
  console.log(`\nReal photo ${photo.split('/').pop()}: ${ok}/18 boxes read right`);
  for (const l of lines) console.log(`  ${l}`);
}
