import type { CommandSpec } from '../command.ts';

export const verifyCommand: CommandSpec = {
  name: 'verify',
  summary: 'Check an evidence pack against its manifest of SHA-256 digests.',
  usage: 'rolesmith verify <pack dir>',
  options: {},
  examples: ['rolesmith verify ./evidence-pack'],
  load: async () => (await import('../verify-command.ts')).runVerify,
};
