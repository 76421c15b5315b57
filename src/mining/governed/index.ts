export { mineGoverned } from './mine-governed.ts';
export type {
  GovernedOptions,
  GovernedRisk,
  OutlierOptions,
  PeerOptions,
  VolatileOptions,
} from './options.ts';
export { DEFAULT_ATTRIBUTES, resolveGovernedOptions } from './options.ts';
export { checkGovernedInvariants } from './invariants.ts';
export type { InvariantOptions } from './invariants.ts';
export type { SodViolation } from './sod.ts';
export type { JustInTimeCandidate } from './assemble.ts';
export type { PeerEvidence } from './mine-audience.ts';
