export { decodeJoint, witnessConflicts, DEFAULT_JOINT_OPTIONS } from './decode.ts';
export type { JointOptions, JointResult, DecodedField, CheckResult } from './decode.ts';
export { constraintFromCheck, resolveRef } from './constraints.ts';
export type { Constraint } from './constraints.ts';
export { fieldLogPosterior, witnessReadings, BOX_BLANK, BOX_CROSS, BUBBLE_NONE, EQUAL_WEIGHTS } from './evidence.ts';
export type { FieldEvidence, WordsEvidence, WitnessWeights, WitnessReading, WitnessName } from './evidence.ts';
