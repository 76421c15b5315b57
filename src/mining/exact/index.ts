export { mineExact } from './mine-exact.ts';
export type { ExactMiningOptions, ExactPair } from './mine-exact.ts';
