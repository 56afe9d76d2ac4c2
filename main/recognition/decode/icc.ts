/**
 * Whether an image's embedded ICC profile is sRGB, so that converting it "to sRGB" would be a no-op.
 *
 * sharp converts every image with an embedded profile to sRGB through lcms, and it does so at the
 * decoded size, before any shrinking: on a 12 MP photo that is a full-resolution colour transform for
 * nothing when the profile already is sRGB — which is what phone cameras, GIMP and sharp itself embed.
 * Such a profile is ignored; any other (Display P3, Adobe RGB, CMYK) is still converted properly.
 *
 * Decided from the profile's colorants (rXYZ/gXYZ/bXYZ: the primaries, D50-adapted) when it has them —
 * a profile is sRGB by what it does, not by its name — else from its description.
 */

/** sRGB's primaries adapted to D50, as every sRGB matrix/TRC profile stores them (X, Y, Z per colorant). */
const SRGB_COLORANTS: Record<string, [number, number, number]> = {
  rXYZ: [0.4361, 0.2225, 0.0139],
  gXYZ: [0.3851, 0.7169, 0.0971],
  bXYZ: [0.1431, 0.0606, 0.7141],
};
/** Profiles round the colorants to s15Fixed16 and some use slightly different adaptation: 0.005 covers them. */
const TOLERANCE = 0.005;

export function isSrgbProfile(icc: Uint8Array | undefined): boolean {
  if (!icc || icc.length < 132) return false;
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  const ascii = (at: number, n: number) => String.fromCharCode(...icc.subarray(at, at + n));
  if (ascii(16, 4) !== 'RGB ') return false;
  const tags = new Map<string, { offset: number; size: number }>();
  const count = view.getUint32(128);
  for (let i = 0; i < count && 132 + 12 * (i + 1) <= icc.length; i++) {
    const at = 132 + 12 * i;
    const offset = view.getUint32(at + 4);
    const size = view.getUint32(at + 8);
    if (offset + size <= icc.length) tags.set(ascii(at, 4), { offset, size });
  }
  const names = Object.keys(SRGB_COLORANTS);
  if (names.every((n) => tags.has(n))) {
    return names.every((n) => {
      const { offset, size } = tags.get(n)!;
      if (size < 20 || ascii(offset, 4) !== 'XYZ ') return false;
      return SRGB_COLORANTS[n].every((v, k) => Math.abs(view.getInt32(offset + 8 + 4 * k) / 65536 - v) <= TOLERANCE);
    });
  }
  const desc = tags.get('desc');
  return desc !== undefined && /\bsRGB\b/i.test(descriptionOf(icc, view, desc.offset, desc.size));
}

/** The text of a 'desc' tag: ICC v2 textDescriptionType (ASCII) or v4 multiLocalizedUnicodeType (UTF-16BE). */
function descriptionOf(icc: Uint8Array, view: DataView, offset: number, size: number): string {
  const type = String.fromCharCode(...icc.subarray(offset, offset + 4));
  if (type === 'desc' && size >= 12) {
    const n = Math.min(view.getUint32(offset + 8), size - 12);
    return String.fromCharCode(...icc.subarray(offset + 12, offset + 12 + n));
  }
  if (type === 'mluc' && size >= 16) {
    const records = view.getUint32(offset + 8);
    let text = '';
    for (let r = 0; r < records && 16 + 12 * (r + 1) <= size; r++) {
      const rec = offset + 16 + 12 * r;
      const len = view.getUint32(rec + 4);
      const at = offset + view.getUint32(rec + 8);
      if (at + len > offset + size) continue;
      for (let i = 0; i + 1 < len; i += 2) text += String.fromCharCode(view.getUint16(at + i));
      text += ' ';
    }
    return text;
  }
  return '';
}
