import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRandom } from './random.ts';

export interface CsvInventoryScale {
  identities: number;
  entitlements: number;
  assignments: number;
  seed: number;
}

type Random = ReturnType<typeof createRandom>;

const KINDS = ['service-account', 'api-key', 'token', 'workload', 'bot'];
const DEPARTMENTS = ['Finance', 'Sales', 'Engineering', 'HR', 'Legal', 'Ops'];
const LOCATIONS = ['Berlin', 'Lisbon', 'Austin', 'Singapore', 'Toronto'];
const RISKS = ['low', 'medium', 'high', 'critical', ''];
const SOURCES = ['direct', 'group', 'role', ''];
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2019, 0, 1);

/**
 * Writes a seeded rolesmith CSV inventory (identities.csv,
 * entitlements.csv, assignments.csv) of the given size into `dir`, as a
 * stream, so millions of rows never sit in memory at once.
 */
export async function generateCsvInventory(
  dir: string,
  scale: CsvInventoryScale,
): Promise<void> {
  const random = createRandom(scale.seed);
  await mkdir(dir, { recursive: true });
  await writeRows(
    join(dir, 'identities.csv'),
    'id,kind,name,email,department,title,location,manager,status,owner,cost_center',
    scale.identities,
    (i) => identityRow(i, random),
  );
  await writeRows(
    join(dir, 'entitlements.csv'),
    'id,system,name,description,risk,owner',
    scale.entitlements,
    (i) => entitlementRow(i, random),
  );
  await writeRows(
    join(dir, 'assignments.csv'),
    'identity,entitlement,granted_at,last_used_at,source',
    scale.assignments,
    () => assignmentRow(scale, random),
  );
}

async function writeRows(
  file: string,
  header: string,
  count: number,
  row: (index: number) => string,
): Promise<void> {
  const out = createWriteStream(file);
  let batch = `${header}\n`;
  for (let i = 0; i < count; i++) {
    batch += `${row(i)}\n`;
    // Batches of about 64 KiB keep write calls few and memory flat.
    if (batch.length > 65_536) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
}

function identityId(index: number): string {
  return `u${String(index).padStart(7, '0')}`;
}

function identityRow(i: number, random: Random): string {
  const id = identityId(i);
  const department = random.pick(DEPARTMENTS);
  const location = random.pick(LOCATIONS);
  const cost = `CC-${random.int(100, 999)}`;
  if (random.next() < 0.05) {
    const kind = random.pick(KINDS);
    const owner = random.next() < 0.8 ? identityId(random.int(0, i)) : '';
    return `${id},${kind},svc-${i},,${department},,${location},,active,${owner},${cost}`;
  }
  // Quoted names with a comma exercise the RFC 4180 path on every run.
  const name = `"Person ${i}, ${department}"`;
  const manager = i === 0 ? '' : identityId(random.int(0, i - 1));
  const status = random.next() < 0.03 ? 'disabled' : 'active';
  return `${id},human,${name},${id}@example.com,${department},Analyst,${location},${manager},${status},,${cost}`;
}

function entitlementId(index: number): string {
  switch (index % 4) {
    case 0:
      return `sap:T${index}`;
    case 1:
      return `aws:arn:aws:iam::123456789012:policy/P${index}`;
    case 2:
      return `github:acme/repo-${index}:write`;
    default:
      return `okta:app-${index}`;
  }
}

function entitlementRow(i: number, random: Random): string {
  const id = entitlementId(i);
  const system = id.slice(0, id.indexOf(':'));
  const risk = random.pick(RISKS);
  const description = `"Grants ${system} access ""${i}"", generated"`;
  return `${id},${system},Entitlement ${i},${description},${risk},@acme/owners`;
}

function assignmentRow(scale: CsvInventoryScale, random: Random): string {
  const identity = identityId(random.int(0, scale.identities - 1));
  // Squaring skews towards popular entitlements, as real access is.
  const skew = random.next();
  const entitlement = entitlementId(
    Math.floor(skew * skew * scale.entitlements),
  );
  const day = random.int(0, GRANT_DAYS);
  const lastUsedAt =
    random.next() < 0.2
      ? ''
      : `${dayString(day + random.int(0, USE_DAYS))}T${timeString(random)}Z`;
  return `${identity},${entitlement},${dayString(day)},${lastUsedAt},${random.pick(SOURCES)}`;
}

const GRANT_DAYS = 2_500;
const USE_DAYS = 400;
// Formatting a Date per row took most of the generator's time.
const DAYS = Array.from({ length: GRANT_DAYS + USE_DAYS + 1 }, (_, day) =>
  new Date(EPOCH + day * DAY_MS).toISOString().slice(0, 10),
);

function dayString(day: number): string {
  return DAYS[day] ?? '2019-01-01';
}

function timeString(random: Random): string {
  const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return `${two(random.int(0, 23))}:${two(random.int(0, 59))}:${two(random.int(0, 59))}`;
}
