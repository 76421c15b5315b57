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
export type { GovernedMitigation } from './options.ts';
