import type { ExceptionEntry, Finding } from '../model/index.ts';
import { builtinSchema } from './schemas.ts';
import { validateSource } from './schema-findings.ts';
import type { YamlSource } from './yaml-source.ts';

interface RawExceptions {
  exceptions: {
    identity: string;
    entitlement: string;
    reason: string;
    owner: string;
    expires?: string;
  }[];
}

export function parseExceptionsSource(source: YamlSource): {
  exceptions: ExceptionEntry[];
  findings: Finding[];
} {
  const findings = validateSource(builtinSchema('exceptions'), source);
  if (findings.length > 0) return { exceptions: [], findings };
  const raw = source.data as RawExceptions;
  return {
    exceptions: raw.exceptions.map((exception) => ({
      exception,
      file: source.file,
    })),
    findings,
  };
}
