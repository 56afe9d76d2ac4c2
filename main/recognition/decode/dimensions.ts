/**
 * Image dimensions read straight from the first bytes of a PNG or JPEG, before any decoder sees the file:
 * an oversized image is refused from its header even when the rest of the file is missing or crafted.
 * (Other formats are measured by sharp's header reader.)
 */
export function headerDimensions(buf: Uint8Array, format: string): { width: number; height: number } | undefined {
  if (format === 'png') return pngSize(buf);
  if (format === 'jpeg') return jpegSize(buf);
  return undefined;
}

function u32(b: Uint8Array, i: number): number {
  return ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
}

function u16(b: Uint8Array, i: number): number {
  return (b[i] << 8) | b[i + 1];
}

/** IHDR is always the first chunk: width and height at bytes 16–23. */
function pngSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 24 || String.fromCharCode(b[12], b[13], b[14], b[15]) !== 'IHDR') return undefined;
  return { width: u32(b, 16), height: u32(b, 20) };
}

/** Walks the marker segments to the first start-of-frame (SOF0–SOF15 except DHT/JPG/DAC). */
function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const len = u16(b, i + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { width: u16(b, i + 7), height: u16(b, i + 5) };
    if (marker === 0xda || len < 2) return undefined;
    i += 2 + len;
  }
  return undefined;
}
