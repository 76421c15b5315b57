import { truncate } from '../../errors.ts';
import type { Identity } from '../../model/index.ts';
import { IDENTITY_KINDS, isIdentityKind } from '../../model/index.ts';
import { badRecord } from '../reader.ts';
import type { CsvColumns, CsvContext, CsvRowHandler } from './csv-table.ts';
import { readCsvTable } from './csv-table.ts';
import { copyString } from './csv-values.ts';

export const IDENTITY_COLUMNS = ['id', 'kind'] as const;

/** Columns that map to fields of Identity; all others are attributes. */
const FIELD_COLUMNS = new Set([
  'id',
  'kind',
  'name',
  'email',
  'status',
  'owner',
]);

/** Identities by id, in file order. */
export type IdentityIndex = Map<string, Identity>;

/**
 * Reads identities.csv. Every column other than id, kind, name, email,
 * status and owner (department, title, location, manager, cost_center and
 * any extra) becomes an attribute named by its snake_case header.
 */
export async function readIdentitiesCsv(
  file: string,
  context: CsvContext,
  identities: IdentityIndex,
): Promise<string> {
  return readCsvTable(file, IDENTITY_COLUMNS, context, (columns) =>
    identityRow(file, columns, context, identities),
  );
}

function identityRow(
  file: string,
  columns: CsvColumns,
  context: CsvContext,
  identities: IdentityIndex,
): CsvRowHandler {
  const id = columns.index('id');
  const kind = columns.index('kind');
  const optional = (['name', 'email', 'status', 'owner'] as const).map(
    (key) => [key, columns.index(key)] as const,
  );
  const attributes = columns.names.flatMap((column, i) =>
    FIELD_COLUMNS.has(column) ? [] : [[column, i] as const],
  );
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
    const identityId = row.field(id);
    const kindText = row.field(kind);
    const identityKind = kindText.toLowerCase();
    if (identityId === '') {
      bad(line, 'the identity has an empty id', 'an id such as "u17"');
      return;
    }
    if (!isIdentityKind(identityKind)) {
      bad(
        line,
        `unknown identity kind "${truncate(kindText)}"`,
        `one of ${IDENTITY_KINDS.join(', ')}`,
      );
      return;
    }
    const first = identities.get(identityId);
    if (first !== undefined) {
      bad(
        line,
        `duplicate identity id "${truncate(identityId)}" (first on line ` +
          `${first.provenance?.[0]?.line ?? '?'})`,
        'each identity once in identities.csv',
      );
      return;
    }

    const identity: Identity = {
      id: copyString(identityId),
      kind: identityKind,
      attributes: {},
      provenance: [{ source: context.source, file, line }],
    };
    // Copies, so that kept values do not pin the blocks of the file.
    for (const [key, index] of optional) {
      const value = row.field(index);
      if (value !== '') identity[key] = copyString(value);
    }
    for (const [column, index] of attributes) {
      const value = row.field(index);
      if (value !== '') identity.attributes[column] = copyString(value);
    }
    identities.set(identity.id, identity);
  };
}
