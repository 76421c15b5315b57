import type { Finding } from '../model/index.ts';
import { isoDay, systemOf } from '../model/index.ts';
import type { DriftContext, GrantSite, HeldPair } from './drift-context.ts';
import { listIds } from './drift-context.ts';

const DAY_MS = 86_400_000;

interface Idle {
  identity: string;
  /** `last used …` or `never used; granted …`. */
  detail: string;
}

/**
 * Approved access its holder has not used in the `unusedDays` days before
 * the data date, grouped by the role entitlement or exception that grants
 * it (one finding each, so the report stays as long as the catalogue).
 *
 * Only systems that record use are judged, and a pair never used counts
 * only when its grant is known to be older than the window: no evidence
 * is not evidence of disuse.
 */
export function unusedFindings(context: DriftContext): Finding[] {
  const { dataDate, unusedDays } = context.options;
  const end = Date.parse(dataDate);
  if (Number.isNaN(end)) return [];
  const cutoff = end - unusedDays * DAY_MS;

  const groups = new Map<string, { site: GrantSite; idle: Idle[] }>();
  for (const identity of [...context.grants.keys()].sort()) {
    const sites = context.grants.get(identity);
    const pairs = context.held.get(identity);
    if (sites === undefined || pairs === undefined) continue;
    for (const [entitlement, site] of sites) {
      const pair = pairs.get(entitlement);
      if (pair === undefined) continue;
      if (!context.usageSystems.has(systemOf(entitlement))) continue;
      const detail = idleDetail(pair, cutoff);
      if (detail === undefined) continue;
      const key = `${site.file}\n${site.path}`;
      const group = groups.get(key) ?? { site, idle: [] };
      groups.set(key, group);
      group.idle.push({ identity, detail });
    }
  }
  return [...groups.values()].map(({ site, idle }) =>
    unusedFinding(context, site, idle),
  );
}

function idleDetail(pair: HeldPair, cutoff: number): string | undefined {
  if (!Number.isNaN(pair.lastUsed)) {
    return pair.lastUsed < cutoff
      ? `last used ${isoDay(pair.lastUsed)}`
      : undefined;
  }
  if (!Number.isNaN(pair.granted) && pair.granted < cutoff) {
    return `never used; granted ${isoDay(pair.granted)}`;
  }
  return undefined;
}

function unusedFinding(
  context: DriftContext,
  site: GrantSite,
  idle: Idle[],
): Finding {
  const { dataDate, unusedDays } = context.options;
  const { entitlement } = site;
  const window = `in the ${unusedDays} days before ${dataDate}`;
  const holders = listIds(
    idle.map(({ identity, detail }) => `${identity} (${detail})`),
  );
  const single = idle.length === 1 ? idle[0]?.identity : undefined;
  if (site.kind === 'exception') {
    return {
      code: 'drift.unused',
      severity: 'note',
      file: site.file,
      path: site.path,
      message: `The exception grants ${entitlement} to ${holders}, unused ${window}`,
      hint:
        'Revoke the access and remove the exception, or ask its owner ' +
        'whether it is still needed.',
      subject: {
        entitlements: [entitlement],
        ...(single !== undefined && { identity: single }),
      },
    };
  }
  const role = site.role ?? '';
  const who =
    idle.length === 1 ? `member ${holders} has` : `${idle.length} members have`;
  return {
    code: 'drift.unused',
    severity: 'note',
    file: site.file,
    path: site.path,
    message:
      `Role ${role} grants ${entitlement}; ${who} not used it ` +
      `${window}${idle.length === 1 ? '' : `: ${holders}`}`,
    hint: 'Revoke it from those members, or remove it from the role if its members do not need it.',
    subject: {
      role,
      entitlements: [entitlement],
      ...(single !== undefined && { identity: single }),
    },
  };
}
