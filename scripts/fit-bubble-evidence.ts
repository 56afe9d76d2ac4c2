/**
 * Measures how much a bubble's fill says about whether it was marked: the table behind
 * main/recognition/read/bubbles.ts MARK_EVIDENCE. Registers each page of a synthetic TUNING set with the real
 * pipeline, measures every bubble as the reader does (bubbleSpreads: fill against the sheet's own threshold), and
 * counts, per band of "spreads above the threshold", bubbles the truth says were marked (cleanly or partly) and
 * bubbles that were not (empty, or holding a stray tick). Prints the log-likelihood ratio per band.
 *
 *   node --import tsx scripts/fit-bubble-evidence.ts [--dir /tmp/pleno-bench-synth/tune-1-n300-…] [--pages 300]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openInput } from '../main/recognition/decode/index.ts';
import { registerPage } from '../main/recognition/register/register-page.ts';
import { allTemplates } from '../main/recognition/templates/loader.ts';
import { bubbleSpreads } from '../main/recognition/read/bubbles.ts';
import type { SampleTruth } from '../test/support/synth/generate-sample.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '/tmp/pleno-bench-synth/tune-1-n300-5d0d498f48ae' },
    pages: { type: 'string', default: '300' },
  },
});
const dir = values.dir!;
if (dir.includes('/bench-')) throw new Error('fit on a tuning set, never on the benchmark');
const pages = Number(values.pages);
/** Band edges in spreads above the sheet threshold. */
const EDGES = [-Infinity, -6, -5, -4, -3, -2, -1, 0, 1, 2, 4, 6, Infinity];

const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { samples: Record<string, SampleTruth> };
const files = Object.keys(truth.samples).sort().slice(0, pages);
const templates = allTemplates();
const marked = EDGES.map(() => 0);
const unmarked = EDGES.map(() => 0);
let read = 0;
for (const [k, file] of files.entries()) {
  const sample = truth.samples[file];
  const template = templates.find((t) => t.id === sample.templateId)!;
  // Every bubble field of the page, as the reader passes them (they set the sheet threshold together).
  const withBubbles = template.fields.filter((f) => f.bubbles);
  if (!withBubbles.some((f) => sample.marks[f.id]?.bubbles)) continue;
  const opened = await openInput(join(dir, file));
  if (!opened.ok) throw new Error(`${file}: ${opened.error.message}`);
  try {
    const reg = await registerPage(opened.value.pages[0], templates);
    if (reg.kind !== 'registered' || reg.templateId !== sample.templateId) continue;
    const spreads = bubbleSpreads(reg.rectified, withBubbles.map((f) => f.bubbles!));
    withBubbles.forEach((field, i) => {
      spreads[i].forEach((column, c) => {
        const mark = sample.marks[field.id]?.bubbles?.[c];
        if (!mark) return;
        column.forEach((s, d) => {
          const band = EDGES.findIndex((e, b) => s >= e && s < EDGES[b + 1]);
          (mark.digit === d ? marked : unmarked)[band]++;
        });
      });
    });
    read++;
  } finally {
    await opened.value.close();
  }
  if ((k + 1) % 50 === 0) console.error(`${k + 1}/${files.length} halaman`);
}
const totalMarked = marked.reduce((a, b) => a + b, 0);
const totalUnmarked = unmarked.reduce((a, b) => a + b, 0);
console.log(`${dir}: ${read} pages with bubbles, ${totalMarked} marked and ${totalUnmarked} unmarked bubbles`);
for (let b = 0; b + 1 < EDGES.length; b++) {
  // Half a count added to each side keeps empty bands finite.
  const llr = Math.log(((marked[b] + 0.5) / totalMarked) / ((unmarked[b] + 0.5) / totalUnmarked));
  console.log(`  [${EDGES[b]}, ${EDGES[b + 1]}) spreads: marked ${marked[b]}, not ${unmarked[b]}, log-likelihood ratio ${llr.toFixed(2)}`);
}
