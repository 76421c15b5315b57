import { createHash } from 'node:crypto';
import type { Finding } from '../model/index.ts';
import { toPosixPath } from './location.ts';

/**
 * A stable id for "the same finding" across runs. Line, column and
 * message are left out on purpose: an edit above the finding, or a
 * reworded message, must not turn an old alert into a new one.
 */
export function fingerprintFinding(finding: Finding): string {
  const subject = finding.subject ?? {};
  const key = JSON.stringify([
    finding.code,
    finding.file === undefined ? null : toPosixPath(finding.file),
    finding.path ?? null,
    subject.role ?? null,
    subject.identity ?? null,
    subject.risk ?? null,
    sorted(subject.entitlements),
    sorted(subject.roles),
  ]);
  return createHash('sha256').update(key).digest('hex');
}

function sorted(ids: readonly string[] | undefined): string[] | null {
  return ids === undefined ? null : [...ids].sort();
}
