#!/usr/bin/env node
// Draws Pleno's application icon (build/icon.png, 512×512) from a small SVG with sharp, so the icon is
// reproducible from source: `node build/make-icon.mjs`. electron-builder derives the Windows .ico and
// the Linux icon sizes from this PNG.
//
// The picture: a ballot box with a slot, and a rising bar chart above it — counting, then summing up.
// Shapes only (no text), so it renders identically whatever fonts the machine has.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = path.dirname(fileURLToPath(import.meta.url));

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#12408f"/>
      <stop offset="1" stop-color="#0a2a63"/>
    </linearGradient>
  </defs>
  <rect x="16" y="16" width="480" height="480" rx="96" fill="url(#bg)"/>
  <rect x="150" y="180" width="52" height="90" rx="10" fill="#f5c542"/>
  <rect x="230" y="130" width="52" height="140" rx="10" fill="#ffffff"/>
  <rect x="310" y="84" width="52" height="186" rx="10" fill="#e8453c"/>
  <rect x="96" y="292" width="320" height="132" rx="18" fill="#ffffff"/>
  <rect x="196" y="316" width="120" height="16" rx="8" fill="#0a2a63"/>
  <rect x="120" y="372" width="272" height="10" rx="5" fill="#c9d3e6"/>
</svg>`;

export async function makeIcon(outFile = path.join(here, 'icon.png')) {
  await sharp(Buffer.from(ICON_SVG)).resize(512, 512).png({ compressionLevel: 9 }).toFile(outFile);
  return outFile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`ikon ditulis: ${await makeIcon()}`);
}
