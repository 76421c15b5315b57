import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { inputError, truncate } from '../../errors.ts';
import { readCsvRecords } from '../csv/csv-records.ts';
import { snakeCase } from '../csv/csv-table.ts';
import type { ReaderOptions, ReadResult, SkippedRecord } from '../reader.ts';
import { badRecord } from '../reader.ts';
import { isRecord } from './k8s-narrow.ts';
import { MAX_MANIFEST_BYTES, parseManifestFile } from './k8s-yaml.ts';

/** The source name of a group mapping in digests. */
export const K8S_GROUPS_SOURCE = 'k8s-groups';

/** One row of a group mapping: `member` belongs to `group`. */
export interface K8sGroupMembership {
  group: string;
  /** An identity id as another source names it, or its e-mail address. */
  member: string;
  file: string;
  line?: number;
}

export interface K8sGroupMapResult extends ReadResult {
  memberships: K8sGroupMembership[];
}

const COLUMNS = ['group', 'member'];

const CSV_EXAMPLE =
  'a header line "group,member", then one membership per row, e.g. ' +
  '"platform-admins,alice@example.com"';

const YAML_EXAMPLE =
  'a mapping of group name to a list of members, e.g. "platform-admins: [alice@example.com]"';

/**
 * True for a `.csv` file whose header is exactly `group,member`, so such
 * a file is told from a pair file without a prefix. YAML needs the
 * `k8s-groups:` prefix: a mapping of lists is too common to sniff.
 */
export async function isK8sGroupMapFile(path: string): Promise<boolean> {
  if (extname(path).toLowerCase() !== '.csv') return false;
  const handle = await open(path, 'r').catch(() => undefined);
  if (handle === undefined) return false;
  try {
    const buffer = Buffer.alloc(256);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    const first = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    const names = first.split(',').map(snakeCase).sort();
    return names.join(',') === COLUMNS.join(',');
  } finally {
    await handle.close();
  }
}

/**
 * Reads a Kubernetes group mapping: CSV `group,member`, or YAML of the
 * shape the `groupMembers` option takes (group → list of members). It
 * describes no identity and grants nothing by itself; `readInventories`
 * expands the Group subjects of the Kubernetes sources read with it.
 */
export async function readK8sGroupMap(
  path: string,
  options: ReaderOptions,
): Promise<K8sGroupMapResult> {
  const label = options.label ?? path;
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile() !== true) {
    throw inputError(
      info === undefined
        ? 'the Kubernetes group mapping file does not exist'
        : 'the Kubernetes group mapping is not a file',
      { file: label, expected: `a .csv file with ${CSV_EXAMPLE}` },
    );
  }
  const skipped: SkippedRecord[] = [];
  const yaml = ['.yaml', '.yml', '.json'].includes(extname(path).toLowerCase());
  const read = yaml
    ? await readYaml(path, label, options, skipped)
    : await readCsv(path, label, options, skipped);
  if (read.memberships.length === 0) {
    options.logger.warn('the Kubernetes group mapping lists no membership', {
      file: label,
    });
  }
  return {
    inventory: {
      identities: [],
      entitlements: [],
      assignments: [],
      sources: [
        { source: K8S_GROUPS_SOURCE, file: label, sha256: read.sha256 },
      ],
    },
    skipped,
    memberships: read.memberships,
  };
}

interface Parsed {
  memberships: K8sGroupMembership[];
  sha256: string;
}

async function readCsv(
  path: string,
  label: string,
  options: ReaderOptions,
  skipped: SkippedRecord[],
): Promise<Parsed> {
  const memberships: K8sGroupMembership[] = [];
  let at: { group: number; member: number } | undefined;
  let width = 0;
  const bad = (line: number, message: string, expected: string) => {
    badRecord(options, skipped, { file: label, line, message, expected });
  };
  const { sha256 } = await readCsvRecords(path, {
    record(row) {
      const fields = Array.from({ length: row.count }, (_, i) => row.field(i));
      if (at === undefined) {
        at = parseHeader(fields, label, row.line);
        width = fields.length;
        return;
      }
      if (fields.length !== width) {
        bad(
          row.line,
          `expected ${width} fields as in the header, found ${fields.length}`,
          'group,member; quote a value that holds a comma',
        );
        return;
      }
      const group = fields[at.group] ?? '';
      const member = fields[at.member] ?? '';
      if (group === '' || member === '') {
        bad(
          row.line,
          `the ${group === '' ? 'group' : 'member'} is empty`,
          'a group name and a member on every row, e.g. "platform-admins,alice@example.com"',
        );
        return;
      }
      memberships.push({ group, member, file: label, line: row.line });
    },
    malformed(line, message, expected) {
      if (at === undefined) {
        throw inputError(message, { file: label, line, expected });
      }
      bad(line, message, expected);
    },
  });
  if (at === undefined) {
    throw inputError('the group mapping has no header line', {
      file: label,
      line: 1,
      expected: CSV_EXAMPLE,
    });
  }
  return { memberships, sha256 };
}

/** Columns are fixed: a third column would be data nobody reads. */
function parseHeader(
  fields: readonly string[],
  file: string,
  line: number,
): { group: number; member: number } {
  const names = fields.map(snakeCase);
  const unknown = names.filter((name) => !COLUMNS.includes(name));
  const group = names.indexOf('group');
  const member = names.indexOf('member');
  if (
    unknown.length > 0 ||
    group < 0 ||
    member < 0 ||
    names.length !== COLUMNS.length
  ) {
    const found = fields.map((f) => `"${truncate(f)}"`).join(', ');
    throw inputError(
      unknown.length > 0
        ? 'the group mapping has unknown ' +
            `column${unknown.length > 1 ? 's' : ''} ` +
            unknown.map((u) => `"${truncate(u)}"`).join(', ')
        : `the group mapping header is ${found}`,
      { file, line, expected: CSV_EXAMPLE },
    );
  }
  return { group, member };
}

async function readYaml(
  path: string,
  label: string,
  options: ReaderOptions,
  skipped: SkippedRecord[],
): Promise<Parsed> {
  const { size } = await stat(path);
  if (size > MAX_MANIFEST_BYTES) {
    throw inputError(`the file is ${size} bytes; at most 64 MiB are read`, {
      file: label,
      expected: 'a smaller group mapping, or the CSV form',
    });
  }
  const bytes = await readFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const parsed = parseManifestFile(label, bytes);
  // A broken mapping is not a record to skip: it is the whole input.
  const problem = parsed.problems[0];
  if (problem !== undefined) {
    throw inputError(problem.message, {
      file: label,
      ...(problem.line !== undefined && { line: problem.line }),
      expected: problem.expected ?? YAML_EXAMPLE,
    });
  }
  const doc = parsed.documents[0];
  if (parsed.documents.length !== 1 || doc === undefined) {
    throw inputError('expected one YAML document', {
      file: label,
      line: 1,
      expected: YAML_EXAMPLE,
    });
  }
  if (!isRecord(doc.data)) {
    throw inputError('the group mapping is not a mapping', {
      file: label,
      line: doc.lineOf([]) ?? 1,
      expected: YAML_EXAMPLE,
    });
  }
  const memberships: K8sGroupMembership[] = [];
  for (const [group, members] of Object.entries(doc.data)) {
    const line = doc.lineOf([group]);
    const bad = (at: number | undefined, message: string) => {
      badRecord(options, skipped, {
        file: label,
        ...(at !== undefined && { line: at }),
        message,
        expected: YAML_EXAMPLE,
      });
    };
    if (group.trim() === '') {
      bad(line, 'the group name is empty');
      continue;
    }
    if (!Array.isArray(members)) {
      bad(line, `the members of "${truncate(group)}" are not a list`);
      continue;
    }
    for (const [index, member] of members.entries()) {
      const memberLine = doc.lineOf([group, index]);
      if (typeof member !== 'string' || member.trim() === '') {
        bad(
          memberLine,
          `member ${index + 1} of "${truncate(group)}" is empty or not text`,
        );
        continue;
      }
      memberships.push({
        group,
        member: member.trim(),
        file: label,
        ...(memberLine !== undefined && { line: memberLine }),
      });
    }
  }
  return { memberships, sha256 };
}
