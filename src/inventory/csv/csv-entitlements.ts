import { truncate } from '../../errors.ts';
import type { Entitlement, RiskLevel } from '../../model/index.ts';
import { RISK_LEVELS, systemOf } from '../../model/index.ts';
import { badRecord } from '../reader.ts';
import type { CsvColumns, CsvContext, CsvRowHandler } from './csv-table.ts';
import { readCsvTable } from './csv-table.ts';
import { copyString } from './csv-values.ts';

export const ENTITLEMENT_COLUMNS = ['id'] as const;

const KNOWN = new Set(['id', 'system', 'name', 'description', 'risk', 'owner']);

export const QUALIFIED_EXPECTED =
  'a system-qualified id such as "sap:FB60", or the system in a system column';

/**
 * Entitlements by system-qualified id. When a `system` column qualified
 * an id (`FB60` of `sap` is `sap:FB60`), the id as written is an alias;
 * null marks an alias that several systems share.
 */
export interface EntitlementIndex {
  byId: Map<string, Entitlement>;
  aliases: Map<string, Entitlement | null>;
}

export function emptyEntitlementIndex(): EntitlementIndex {
  return { byId: new Map(), aliases: new Map() };
}

/** Reads entitlements.csv into `index`. */
export async function readEntitlementsCsv(
  file: string,
  context: CsvContext,
  index: EntitlementIndex,
): Promise<string> {
  return readCsvTable(file, ENTITLEMENT_COLUMNS, context, (columns) =>
    entitlementRow(file, columns, context, index),
  );
}

function entitlementRow(
  file: string,
  columns: CsvColumns,
  context: CsvContext,
  index: EntitlementIndex,
): CsvRowHandler {
  const extra = columns.names.filter((name) => !KNOWN.has(name));
  if (extra.length > 0) {
    context.options.logger.info('entitlement columns not read', {
      file,
      columns: extra,
    });
  }
  const at = {
    id: columns.index('id'),
    system: columns.index('system'),
    name: columns.index('name'),
    description: columns.index('description'),
    risk: columns.index('risk'),
    owner: columns.index('owner'),
  };
  const bad = (line: number, message: string, expected: string): void => {
    badRecord(context.options, context.skipped, {
      file,
      line,
      message,
      expected,
    });
  };

  return (row) => {
    const line = row.line;
    const text = (i: number): string => row.field(i);
    const written = text(at.id);
    const column = text(at.system);
    if (written === '') {
      bad(line, 'the entitlement has an empty id', QUALIFIED_EXPECTED);
      return;
    }
    if (column.includes(':')) {
      bad(
        line,
        `the system "${truncate(column)}" contains ":"`,
        'a system name such as "sap" or "aws"',
      );
      return;
    }
    const qualified =
      column === '' || written.startsWith(`${column}:`)
        ? written
        : `${column}:${written}`;
    const system = column === '' ? systemOf(written) : column;
    if (system === '') {
      bad(
        line,
        `the entitlement id "${truncate(written)}" names no system`,
        QUALIFIED_EXPECTED,
      );
      return;
    }
    const riskText = text(at.risk).toLowerCase();
    if (riskText !== '' && !isRisk(riskText)) {
      bad(
        line,
        `unknown risk "${truncate(text(at.risk))}"`,
        `one of ${RISK_LEVELS.join(', ')}, or empty`,
      );
      return;
    }
    const first = index.byId.get(qualified);
    if (first !== undefined) {
      bad(
        line,
        `duplicate entitlement id "${truncate(qualified)}" (first on line ` +
          `${first.provenance?.[0]?.line ?? '?'})`,
        'each entitlement once in entitlements.csv',
      );
      return;
    }

    const entitlement: Entitlement = {
      id: copyString(qualified),
      system: copyString(system),
      provenance: [{ source: context.source, file, line }],
    };
    // Copies, so that kept values do not pin the blocks of the file.
    if (text(at.name) !== '') entitlement.name = copyString(text(at.name));
    if (text(at.description) !== '') {
      entitlement.description = copyString(text(at.description));
    }
    if (isRisk(riskText)) entitlement.risk = riskText;
    if (text(at.owner) !== '') entitlement.owner = copyString(text(at.owner));
    index.byId.set(entitlement.id, entitlement);
    if (qualified !== written) {
      const alias = copyString(written);
      index.aliases.set(alias, index.aliases.has(alias) ? null : entitlement);
    }
  };
}

function isRisk(text: string): text is RiskLevel {
  return (RISK_LEVELS as readonly string[]).includes(text);
}
