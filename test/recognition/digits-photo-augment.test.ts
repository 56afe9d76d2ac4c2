import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadMnist } from '../../main/recognition/digits/mnist.ts';
import { mnistToGray, normalizeBoxCrop } from '../../main/recognition/digits/normalize-box-crop.ts';
import { Rng } from '../../main/recognition/digits/rng.ts';
import { augmentPhotoInput, DEFAULT_PHOTO_AUGMENT } from '../../main/recognition/digits/training/photo-augment.ts';
import type { PhotoBoxData } from '../../main/recognition/digits/training/photo-box-set.ts';
import { buildItem, type ItemSpace } from '../../main/recognition/digits/training/samples.ts';

/** A real MNIST test digit as the normaliser feeds the net (what a photo box holds). */
const test = loadMnist('test');
function netInput(index: number): Float32Array {
  const out = new Float32Array(784);
  normalizeBoxCrop(mnistToGray(test.images, index * 784), { out });
  return out;
}

function moments(img: Float32Array): { mass: number; cx: number; cy: number } {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < 784; i++) {
    mass += img[i];
    sx += img[i] * (i % 28);
    sy += img[i] * Math.floor(i / 28);
  }
  return { mass, cx: sx / mass, cy: sy / mass };
}

describe('photo-box augmentation', () => {
  it('is the identity with every range at zero', () => {
    const input = netInput(0);
    const out = new Float32Array(784);
    augmentPhotoInput(input, new Rng(1), out, { rotate: 0, shear: 0, scale: 0, shift: 0 });
    for (let i = 0; i < 784; i++) assert.ok(Math.abs(out[i] - input[i]) < 1e-6, `pixel ${i}`);
  });

  it('moves the digit a little, keeps its ink and centre, and is seeded', () => {
    for (let d = 0; d < 20; d++) {
      const input = netInput(d);
      const a = new Float32Array(784);
      const b = new Float32Array(784);
      augmentPhotoInput(input, new Rng(d), a);
      augmentPhotoInput(input, new Rng(d), b);
      assert.deepEqual(a, b, 'same seed, same output');
      const before = moments(input);
      const after = moments(a);
      let changed = 0;
      for (let i = 0; i < 784; i++) changed += Math.abs(a[i] - input[i]);
      assert.ok(changed > 1, `digit ${d}: the input changed`);
      // Scale ±10 % changes the ink by up to ~21 %; nothing leaves the 28×28 field.
      assert.ok(after.mass > before.mass * 0.75 && after.mass < before.mass * 1.3, `digit ${d}: ink ${before.mass} → ${after.mass}`);
      const moved = Math.hypot(after.cx - before.cx, after.cy - before.cy);
      assert.ok(moved < DEFAULT_PHOTO_AUGMENT.shift * Math.SQRT2 + 1.5, `digit ${d}: centre moved ${moved.toFixed(2)} px`);
    }
  });

  it('is applied to the share of photo items asked for, never to their labels', () => {
    const input = netInput(3);
    const photo: PhotoBoxData = {
      views: 1,
      inputs: Uint8Array.from(input, (v) => Math.round(v * 255)),
      present: Uint8Array.of(1),
      labels: Uint8Array.of(test.labels[3]),
      train: Int32Array.of(0),
      heldOut: new Int32Array(0),
    };
    const space = (photoAugment: number): ItemSpace => ({ mnist: test, digits: new Int32Array(0), blanks: 0, crosses: 0, photo, photoAugment });
    const plain = new Float32Array(784);
    const out = new Float32Array(784);
    let augmented = 0;
    for (let epoch = 0; epoch < 40; epoch++) {
      assert.equal(buildItem(space(0), 0, 7, epoch, plain), test.labels[3]);
      assert.equal(buildItem(space(0.5), 0, 7, epoch, out), test.labels[3]);
      if (out.some((v, i) => v !== plain[i])) augmented++;
    }
    assert.ok(augmented >= 10 && augmented <= 30, `about half the epochs augmented: ${augmented} of 40`);
    for (let epoch = 0; epoch < 5; epoch++) {
      buildItem(space(0), 0, 7, epoch, out);
      assert.deepEqual(out, plain, 'share 0 leaves photo items as cut');
    }
  });
});
