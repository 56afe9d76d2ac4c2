/**
 * Recognises a file by its first bytes, never by its name: a text file named `.jpg` is text.
 * Also names a few common formats we do not read, so the user gets a precise message.
 */
export type InputFormat = 'jpeg' | 'png' | 'webp' | 'tiff' | 'pdf';

export type Sniffed = { supported: true; format: InputFormat } | { supported: false; what: string | undefined };

function startsWith(buf: Uint8Array, bytes: number[], at = 0): boolean {
  if (buf.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
}

function ascii(buf: Uint8Array, at: number, len: number): string {
  return String.fromCharCode(...buf.subarray(at, at + len));
}

export function sniffFormat(buf: Uint8Array): Sniffed {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { supported: true, format: 'jpeg' };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { supported: true, format: 'png' };
  if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 4) === 'WEBP') return { supported: true, format: 'webp' };
  // Classic TIFF (42) and BigTIFF (43), both byte orders.
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { supported: true, format: 'tiff' };
  }
  if (startsWith(buf, [0x49, 0x49, 0x2b, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2b])) {
    return { supported: true, format: 'tiff' };
  }
  // The PDF header may follow some junk; readers accept it within the first kilobyte.
  if (ascii(buf, 0, Math.min(buf.length, 1024)).includes('%PDF-')) return { supported: true, format: 'pdf' };
  return { supported: false, what: describeUnsupported(buf) };
}

/** A short Indonesian description of a format we recognise but do not read, if any. */
function describeUnsupported(buf: Uint8Array): string | undefined {
  if (ascii(buf, 4, 4) === 'ftyp') {
    const brand = ascii(buf, 8, 4);
    if (/^(heic|heix|heim|heis|hevc|hevx|mif1|msf1)$/.test(brand)) return 'HEIC';
    if (/^(avif|avis)$/.test(brand)) return 'AVIF';
    return 'video/MP4';
  }
  if (ascii(buf, 0, 4) === 'GIF8') return 'GIF';
  if (ascii(buf, 0, 2) === 'BM') return 'BMP';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return 'ZIP/dokumen Office';
  if (looksLikeText(buf)) return 'berkas teks';
  return undefined;
}

function looksLikeText(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 512);
  if (n === 0) return false;
  let printable = 0;
  for (let i = 0; i < n; i++) {
    const c = buf[i];
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 0xc0) printable++;
    else if (c === 0) return false;
  }
  return printable / n > 0.95;
}
