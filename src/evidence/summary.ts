import { riskRank } from '../model/index.ts';
import type { EvidenceBlock } from './evidence.ts';

/**
 * One sentence of a role's summary and the evidence fields it states, as
 * JSON Pointers into the evidence block. A sentence without facts is not
 * written: the summary says nothing the evidence does not back.
 */
export interface SummarySentence {
  text: string;
  facts: string[];
}

const SHOWN = 3;

/** The plain-language summary of a mined role, from its evidence alone. */
export function summarise(evidence: EvidenceBlock): SummarySentence[] {
  return [
    ...members(evidence),
    ...grants(evidence),
    ...replaces(evidence),
    ...usage(evidence),
    ...leftOut(evidence),
    ...sod(evidence),
    {
      text:
        `Miner confidence: ${fixed(evidence.confidence)}, the product of ` +
        'attribute purity, specificity and size.',
      facts: ['/confidence'],
    },
  ];
}

/** The summary as the text of a role's description. */
export function summaryText(sentences: readonly SummarySentence[]): string {
  return sentences.map((s) => s.text).join(' ');
}

function members(e: EvidenceBlock): SummarySentence[] {
  const m = e.statistics.members;
  const who = m.audience === 'human' ? 'people' : 'machine identities';
  const out: SummarySentence[] = [];
  const [first, second] = m.purity;
  if (first === undefined) {
    out.push({
      text: `${m.count} ${who}; the data records none of the business attributes for them.`,
      facts: ['/statistics/members/count', '/statistics/members/purity'],
    });
  } else {
    out.push({
      text: `${m.count} ${who}; ${share(first.count, m.count)} ${first.attribute} ${first.value}.`,
      facts: [
        '/statistics/members/count',
        '/statistics/members/purity/0/count',
        '/statistics/members/purity/0/attribute',
        '/statistics/members/purity/0/value',
      ],
    });
  }
  if (second !== undefined && second.share >= 0.5) {
    out.push({
      text: `${cap(share(second.count, m.count))} ${second.attribute} ${second.value}.`,
      facts: [
        '/statistics/members/purity/1/count',
        '/statistics/members/count',
        '/statistics/members/purity/1/attribute',
        '/statistics/members/purity/1/value',
      ],
    });
  }
  if (e.origin.label !== undefined && e.origin.group_size !== undefined) {
    out.push({
      text:
        `Built for the group ${e.origin.label} ` +
        `(${plural(e.origin.group_size, 'identity', 'identities')}).`,
      facts: ['/origin/label', '/origin/group_size'],
    });
  }
  return out;
}

function grants(e: EvidenceBlock): SummarySentence[] {
  const list = e.statistics.entitlements;
  const systems = Object.entries(e.statistics.by_system);
  const out: SummarySentence[] = [
    {
      text:
        `It grants ${plural(list.length, 'entitlement')}: ` +
        `${systems.map(([s, n]) => `${n} in ${s === '' ? 'no system' : s}`).join(', ')}.`,
      facts: ['/statistics/entitlements', '/statistics/by_system'],
    },
  ];
  let top = -1;
  list.forEach((x, k) => {
    if (riskRank(x.risk) > riskRank(list[top]?.risk)) top = k;
  });
  const highest = list[top];
  if (highest?.risk !== undefined) {
    out.push({
      text: `The highest risk is ${highest.risk} (${highest.id}).`,
      facts: [
        `/statistics/entitlements/${top}/risk`,
        `/statistics/entitlements/${top}/id`,
      ],
    });
  }
  return out;
}

function replaces(e: EvidenceBlock): SummarySentence[] {
  const s = e.statistics;
  const out: SummarySentence[] = [
    {
      text:
        `It replaces ${plural(s.direct_assignments, 'direct assignment')} ` +
        `and explains ${percent(s.members.coverage)} of its members' current ` +
        'access.',
      facts: ['/statistics/direct_assignments', '/statistics/members/coverage'],
    },
  ];
  e.overlaps.slice(0, SHOWN).forEach((o, k) => {
    out.push({
      text:
        `It overlaps the approved role ${o.role}: ` +
        `${plural(o.shared_entitlements, 'shared entitlement')}, ` +
        `${plural(o.shared_members, 'shared member')}.`,
      facts: [
        `/overlaps/${k}/role`,
        `/overlaps/${k}/shared_entitlements`,
        `/overlaps/${k}/shared_members`,
      ],
    });
  });
  return out;
}

function usage(e: EvidenceBlock): SummarySentence[] {
  const list = e.statistics.entitlements;
  const window = `the ${e.usage_window_days} days before ${e.data.date}`;
  const windowFacts = ['/usage_window_days', '/data/date'];
  if (list.length > 0 && list.every((x) => x.no_usage_data === x.holders)) {
    return [
      {
        text: 'The data records no use of these entitlements.',
        facts: list.map(
          (_, k) => `/statistics/entitlements/${k}/no_usage_data`,
        ),
      },
    ];
  }
  const out = noUsage(list);
  const stale = list.map((x, k) => ({ x, k })).filter(({ x }) => x.unused > 0);
  if (stale.length === 0) {
    if (list.some((x) => x.used_recently === 0)) return out;
    return [
      ...out,
      {
        text: `Every entitlement was used by members in ${window}.`,
        facts: [
          ...list.map((_, k) => `/statistics/entitlements/${k}/used_recently`),
          ...windowFacts,
        ],
      },
    ];
  }
  const shown = stale.slice(0, SHOWN);
  const more = stale.length > SHOWN ? ` and ${stale.length - SHOWN} more` : '';
  return [
    ...out,
    {
      text:
        'Some members did not use ' +
        `${shown.map(({ x }) => `${x.id} (${x.unused} of ${x.holders})`).join(', ')}${more} ` +
        `in ${window}.`,
      facts: [
        ...shown.flatMap(({ k }) => [
          `/statistics/entitlements/${k}/id`,
          `/statistics/entitlements/${k}/unused`,
          `/statistics/entitlements/${k}/holders`,
        ]),
        ...(more === '' ? [] : ['/statistics/entitlements']),
        ...windowFacts,
      ],
    },
  ];
}

/** Entitlements with no recorded use by any member. */
function noUsage(
  list: EvidenceBlock['statistics']['entitlements'],
): SummarySentence[] {
  const none = list
    .map((x, k) => ({ x, k }))
    .filter(({ x }) => x.holders > 0 && x.no_usage_data === x.holders);
  if (none.length === 0) return [];
  const shown = none.slice(0, SHOWN);
  const more = none.length > SHOWN ? ` and ${none.length - SHOWN} more` : '';
  return [
    {
      text: `The data records no use of ${shown.map(({ x }) => x.id).join(', ')}${more}.`,
      facts: [
        ...shown.flatMap(({ k }) => [
          `/statistics/entitlements/${k}/id`,
          `/statistics/entitlements/${k}/no_usage_data`,
        ]),
        ...(more === '' ? [] : ['/statistics/entitlements']),
      ],
    },
  ];
}

function leftOut(e: EvidenceBlock): SummarySentence[] {
  const reasons = Object.entries(e.exclusions.by_reason);
  if (reasons.length === 0) {
    return [
      {
        text: "None of its members' access was left out of roles.",
        facts: ['/exclusions/assignments'],
      },
    ];
  }
  return [
    {
      text:
        'Left out of roles for its members ' +
        `(${plural(e.exclusions.assignments, 'assignment')}): ` +
        `${reasons.map(([r, n]) => `${n} ${r}`).join(', ')}.`,
      facts: [
        ...reasons.map(([r]) => `/exclusions/by_reason/${r}`),
        '/exclusions/assignments',
      ],
    },
  ];
}

function sod(e: EvidenceBlock): SummarySentence[] {
  const checked = e.sod.risks_checked.length;
  if (checked === 0) {
    return [
      {
        text: 'No SoD risks were given to the miner.',
        facts: ['/sod/risks_checked'],
      },
    ];
  }
  const violations = e.sod.member_violations;
  if (violations.length === 0) {
    return [
      {
        text:
          `No member violates any of the ${checked} SoD risks checked, and ` +
          'the role holds no toxic combination.',
        facts: ['/sod/risks_checked', '/sod/member_violations'],
      },
    ];
  }
  const mitigated = violations.filter((v) => v.mitigation !== undefined);
  const risks = [...new Set(violations.map((v) => v.risk))];
  return [
    {
      text:
        `${plural(violations.length, 'member')} already ` +
        `${violations.length === 1 ? 'violates' : 'violate'} ` +
        `${risks.join(', ')} through their current access ` +
        `(${mitigated.length} mitigated); the role itself holds no toxic ` +
        `combination of the ${checked} risks checked.`,
      facts: [
        '/sod/member_violations',
        ...violations.map((_, k) => `/sod/member_violations/${k}/risk`),
        '/sod/risks_checked',
      ],
    },
  ];
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function fixed(value: number): string {
  return value.toFixed(2);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "all 6 have", "5 of 6 have", "1 of 6 has". */
function share(count: number, of: number): string {
  if (count === of) return of === 1 ? 'it has' : `all ${of} have`;
  return `${count} of ${of} ${count === 1 ? 'has' : 'have'}`;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
