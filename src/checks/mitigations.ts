import type { Finding, Mitigation, PolicySet } from '../model/index.ts';
import { compareFindings } from '../model/index.ts';
import type { SodOptions } from './sod-index.ts';
import { formatIds } from './sod-index.ts';

/** Mitigations keyed by risk and holder (`identity:<id>` or `role:<id>`). */
export interface MitigationIndex {
  byHolder: ReadonlyMap<string, readonly Mitigation[]>;
}

function holderKey(risk: string, holder: string): string {
  return `${risk}\u0000${holder}`;
}

export function indexMitigations(policies: PolicySet): MitigationIndex {
  const byHolder = new Map<string, Mitigation[]>();
  const sorted = [...policies.mitigations].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  for (const mitigation of sorted) {
    const holders = [
      mitigation.identity === undefined
        ? []
        : [`identity:${mitigation.identity}`],
      mitigation.role === undefined ? [] : [`role:${mitigation.role}`],
    ].flat();
    for (const holder of holders) {
      const key = holderKey(mitigation.risk, holder);
      const list = byHolder.get(key) ?? [];
      list.push(mitigation);
      byHolder.set(key, list);
    }
  }
  return { byHolder };
}

/**
 * Mitigations that could cover `risk` for an identity or for any of the
 * roles involved, identity mitigations first, then by id.
 */
export function findMitigations(
  index: MitigationIndex,
  risk: string,
  identity: string | undefined,
  roles: readonly string[],
): Mitigation[] {
  if (index.byHolder.size === 0) return [];
  const found: Mitigation[] = [];
  const holders = roles.map((role) => `role:${role}`);
  if (identity !== undefined) holders.unshift(`identity:${identity}`);
  for (const holder of holders) {
    for (const mitigation of index.byHolder.get(holderKey(risk, holder)) ??
      []) {
      if (!found.includes(mitigation)) found.push(mitigation);
    }
  }
  return found;
}

/** ISO dates compare as strings; the expiry day itself is not covered. */
export function isMitigationActive(
  mitigation: Mitigation,
  today: string,
): boolean {
  return today < mitigation.expires;
}

/**
 * Turns a violation into a `sod.mitigated` note when an active mitigation
 * covers it. An expired one leaves the violation standing and says so in
 * the hint; `mitigation.expired` itself comes from
 * `evaluateMitigationExpiry`, once per mitigation rather than per holder.
 */
export function resolveMitigation(
  violation: Finding,
  riskLabel: string,
  candidates: readonly Mitigation[],
  today: string,
): Finding {
  const active = candidates.find((m) => isMitigationActive(m, today));
  if (active === undefined) {
    if (candidates.length === 0) return violation;
    const [only] = candidates;
    const expired =
      candidates.length === 1 && only !== undefined
        ? `Mitigation ${only.id} expired on ${only.expires}.`
        : `Mitigations ${formatIds(candidates.map((m) => m.id))} have expired.`;
    return {
      ...violation,
      hint: `${expired} ${violation.hint ?? ''}`.trim(),
    };
  }

  const subject = violation.subject ?? {};
  const holder =
    subject.identity === undefined
      ? `role ${subject.role ?? ''}`
      : `identity ${subject.identity}`;
  return {
    ...violation,
    code: 'sod.mitigated',
    severity: 'note',
    message:
      `Risk ${riskLabel} is mitigated for ${holder} by ${active.id} (control ` +
      `${active.control}) until ${active.expires}.`,
    hint:
      `Keep control ${active.control} operating, and renew or retire ` +
      `${active.id} before ${active.expires}.`,
  };
}

/** One `mitigation.expired` warning per mitigation on or past its expiry. */
export function evaluateMitigationExpiry(
  policies: PolicySet,
  options: SodOptions,
): Finding[] {
  const titles = new Map(policies.risks.map((r) => [r.id, r.title]));
  const findings: Finding[] = [];
  for (const mitigation of policies.mitigations) {
    if (isMitigationActive(mitigation, options.today)) continue;
    const title = titles.get(mitigation.risk);
    const risk =
      title === undefined ? mitigation.risk : `${mitigation.risk} "${title}"`;
    const holder =
      mitigation.identity === undefined
        ? `role ${mitigation.role ?? ''}`
        : `identity ${mitigation.identity}`;
    const origin = policies.origins[`mitigation:${mitigation.id}`];
    findings.push({
      code: 'mitigation.expired',
      severity: 'warning',
      message:
        `Mitigation ${mitigation.id} of risk ${risk} for ${holder} expired ` +
        `on ${mitigation.expires}; the risk is a violation again.`,
      hint:
        `Re-approve control ${mitigation.control} and set a new expiry, or ` +
        'remove the mitigation and resolve the conflict.',
      ...(origin !== undefined && { file: origin.file, path: origin.path }),
      subject: {
        risk: mitigation.risk,
        ...(mitigation.identity !== undefined && {
          identity: mitigation.identity,
        }),
        ...(mitigation.role !== undefined && { role: mitigation.role }),
      },
    });
  }
  return findings.sort(compareFindings);
}
