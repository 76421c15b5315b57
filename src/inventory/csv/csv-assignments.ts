import { truncate } from '../../errors.ts';
import type { Assignment, AssignmentSource } from '../../model/index.ts';
import { badRecord } from '../reader.ts';
import type { CsvContext, CsvRowHandler, CsvColumns } from './csv-table.ts';
import { readCsvTable } from './csv-table.ts';
import type { CsvRow } from './csv-row.ts';
import { QUALIFIED_EXPECTED } from './csv-entitlements.ts';
import type { AssignmentTarget } from './csv-references.ts';
import { CsvReferences } from './csv-references.ts';
import { TimestampPool } from './csv-timestamps.ts';
import { ISO_EXPECTED } from './csv-values.ts';

export type { AssignmentTarget } from './csv-references.ts';

export const ASSIGNMENT_COLUMNS = ['identity', 'entitlement'] as const;

const PAIR_EXPECTED =
  'an identity id and an entitlement id, e.g. "u17,sap:FB60"';

/**
 * Reads assignments.csv. Every assignment must name an identity and an
 * entitlement of the other two files when they exist (a dangling one is
 * a bad record); without identities.csv or entitlements.csv the records
 * are derived from the assignments, as for a pair file.
 */
export async function readAssignmentsCsv(
  file: string,
  context: CsvContext,
  target: AssignmentTarget,
): Promise<string> {
  return readCsvTable(file, ASSIGNMENT_COLUMNS, context, (columns) =>
    assignmentRow(file, columns, context, target),
  );
}

function assignmentRow(
  file: string,
  columns: CsvColumns,
  context: CsvContext,
  target: AssignmentTarget,
): CsvRowHandler {
  const at = {
    identity: columns.index('identity'),
    entitlement: columns.index('entitlement'),
    grantedAt: columns.index('granted_at'),
    lastUsedAt: columns.index('last_used_at'),
    source: columns.index('source'),
  };
  const { source } = context;
  // One pool per column: granted dates repeat, last-use times may not.
  const grantedPool = new TimestampPool();
  const usedPool = new TimestampPool();
  const references = new CsvReferences(target, source, file);
  const bad = (line: number, message: string, expected: string): void => {
    badRecord(context.options, context.skipped, {
      file,
      line,
      message,
      expected,
    });
  };
  // The hot loop of a multi-million-row file: no closure or regular
  // expression per row, one object for the assignment, one for provenance.
  return (row) => {
    const line = row.line;
    if (row.start(at.identity) === row.end(at.identity)) {
      bad(line, 'the assignment has an empty identity', PAIR_EXPECTED);
      return;
    }
    if (row.start(at.entitlement) === row.end(at.entitlement)) {
      bad(line, 'the assignment has an empty entitlement', PAIR_EXPECTED);
      return;
    }
    const identity = references.identity(row, at.identity);
    if (identity === undefined) {
      bad(
        line,
        `the identity "${truncate(row.field(at.identity))}" is not in identities.csv`,
        'an id from the id column of identities.csv',
      );
      return;
    }
    const entitlement = references.entitlement(row, at.entitlement);
    if (entitlement === undefined) {
      bad(
        line,
        references.whyUnknownEntitlement(row.field(at.entitlement)),
        QUALIFIED_EXPECTED,
      );
      return;
    }

    const grantedAt = timestamp(row, at.grantedAt, grantedPool);
    if (grantedAt === null) {
      bad(
        line,
        `granted_at "${truncate(row.field(at.grantedAt))}" is not ISO 8601`,
        ISO_EXPECTED,
      );
      return;
    }
    const lastUsedAt = timestamp(row, at.lastUsedAt, usedPool);
    if (lastUsedAt === null) {
      bad(
        line,
        `last_used_at "${truncate(row.field(at.lastUsedAt))}" is not ISO 8601`,
        ISO_EXPECTED,
      );
      return;
    }
    const how = assignmentSource(row, at.source);
    if (how === null) {
      bad(
        line,
        `unknown assignment source "${truncate(row.field(at.source))}"`,
        'one of direct, group, role, or empty',
      );
      return;
    }

    // All keys on every assignment, absent ones undefined: one object
    // shape, all fields inside the object, for millions of them.
    const assignment: Assignment = {
      identity,
      entitlement,
      grantedAt,
      lastUsedAt,
      source: how,
      provenance: { source, file, line },
    };
    target.assignments.push(assignment);
  };
}

const SOURCES: readonly AssignmentSource[] = ['direct', 'group', 'role'];

/** The source in field `index`: undefined when empty, null if unknown. */
function assignmentSource(
  row: CsvRow,
  index: number,
): AssignmentSource | undefined | null {
  if (index < 0) return undefined;
  const start = row.start(index);
  const length = row.end(index) - start;
  if (length === 0) return undefined;
  // Compared in place: no string per row for a handful of values.
  for (const source of SOURCES) {
    if (source.length === length && row.text.startsWith(source, start)) {
      return source;
    }
  }
  const lower = row.field(index).toLowerCase();
  return SOURCES.find((source) => source === lower) ?? null;
}

/** The timestamp in field `index`: undefined when empty, null if invalid. */
function timestamp(
  row: CsvRow,
  index: number,
  pool: TimestampPool,
): string | undefined | null {
  if (index < 0) return undefined;
  const start = row.start(index);
  const end = row.end(index);
  if (start === end) return undefined;
  return pool.accept(row.text, start, end) ?? null;
}
