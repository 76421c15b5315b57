import type { Narrator } from './narrator.ts';
import type { Recovery } from './truth.ts';
import type { Person } from './process.ts';
import type { Workspace } from './workspace.ts';

/** The people of the story; each commits under their own name. */
export const PEOPLE = {
  admin: { name: 'Ada Okafor', email: 'ada.okafor@acme.example' },
  miner: { name: 'Mia Chen', email: 'mia.chen@acme.example' },
  reviewer: { name: 'Rita Santos', email: 'rita.santos@acme.example' },
  developer: { name: 'Sam Patel', email: 'sam.patel@acme.example' },
} satisfies Record<string, Person>;

/** What each step found, for the closing summary and for tests. */
export interface DemoFacts {
  workspace: string;
  today: string;
  inventory: { sources: string[]; identities: number; assignments: number };
  mined: {
    roleFiles: string[];
    added: number;
    changed: number;
    recovery?: Recovery;
  };
  check: {
    errors: number;
    warnings: number;
    sodViolations: { identity: string; risk: string }[];
    /** Planted, unmitigated violations check did not report. */
    plantedMissed?: string[];
  };
  proposals: { branch: string; roles: string[]; merged: boolean }[];
  rejected?: { branch: string; findings: string[] };
  directChange?: string;
  audit: { findings: Record<string, number>; pack: string; verified: boolean };
  metrics: Record<string, unknown>;
  report: string;
  seconds: number;
}

/** What every step shares. */
export interface Story {
  ws: Workspace;
  narrator: Narrator;
  today: string;
  /** The sample organisation's folder, copied into the workspace. */
  sample: string;
  /** Inventory sources, as paths relative to the catalogue clone. */
  sources: string[];
  facts: DemoFacts;
}

export function emptyFacts(workspace: string, today: string): DemoFacts {
  return {
    workspace,
    today,
    inventory: { sources: [], identities: 0, assignments: 0 },
    mined: { roleFiles: [], added: 0, changed: 0 },
    check: { errors: 0, warnings: 0, sodViolations: [] },
    proposals: [],
    audit: { findings: {}, pack: '', verified: false },
    metrics: {},
    report: '',
    seconds: 0,
  };
}

/** `--inventory a --inventory b`, as check, metrics and report take it. */
export function inventoryFlags(story: Story): string[] {
  return story.sources.flatMap((source) => ['--inventory', source]);
}

/** The trailer that records the reviewer's approval in a merge commit. */
export function approvedBy(): string {
  const rita = PEOPLE.reviewer;
  return `Approved-by: ${rita.name} <${rita.email}>`;
}
