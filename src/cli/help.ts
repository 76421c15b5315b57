import type { CommandSpec, OptionSpec } from './command.ts';
import { COMMANDS, GLOBAL_OPTIONS } from './commands.ts';

export function renderMainHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `rolesmith ${version}: a least-privilege role catalogue kept as code`,
    '',
    'Usage: rolesmith <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'Run `rolesmith <command> --help` for a command’s options.',
    'Exit codes: 0 clean, 1 findings, 2 bad usage or input, 70 internal error.',
    '',
  ].join('\n');
}

export function renderCommandHelp(command: CommandSpec): string {
  const options = { ...command.options, ...GLOBAL_OPTIONS };
  const labels = Object.entries(options).map(([name, spec]) => [
    optionLabel(name, spec),
    spec.description,
  ]);
  const width = Math.max(...labels.map(([label]) => label?.length ?? 0));
  return [
    command.summary,
    '',
    `Usage: ${command.usage}`,
    '',
    'Options:',
    ...labels.map(
      ([label, text]) => `  ${(label ?? '').padEnd(width)}  ${text}`,
    ),
    '',
    'Examples:',
    ...command.examples.map((example) => `  ${example}`),
    '',
  ].join('\n');
}

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short === undefined ? '    ' : `-${spec.short}, `;
  const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : '';
  return `${short}--${name}${value}`;
}
