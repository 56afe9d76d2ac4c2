/** Output classes of the digit-box net, in output order: the ten digits, then the two "no digit" marks. */
export const DIGIT_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'blank', 'cross'] as const;
export type DigitClass = (typeof DIGIT_CLASSES)[number];
export const BLANK_INDEX = 10;
export const CROSS_INDEX = 11;
