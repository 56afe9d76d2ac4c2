/** A field's crop of the page image, by CSS: the photo as a background, scaled so the field's box fills the frame. */
import type { ReviewField } from '../../shared/api/methods/review.ts';

export function FieldCrop({ src, box, aspect }: { src: string | null; box: ReviewField['box']; aspect: number | null }) {
  if (!src) return <div className="field-crop field-crop--none" aria-hidden="true" />;
  const style = {
    backgroundImage: `url("${src}")`,
    backgroundSize: `${100 / box.w}% ${100 / box.h}%`,
    backgroundPosition: `${box.w < 1 ? (box.x / (1 - box.w)) * 100 : 0}% ${box.h < 1 ? (box.y / (1 - box.h)) * 100 : 0}%`,
    aspectRatio: String((box.w * (aspect ?? 0.707)) / box.h),
  };
  return <div className="field-crop" style={style} aria-hidden="true" />;
}
