import type { RoleEvidence } from '../../model/index.ts';

/** The figures a reviewer looks at first, read from an evidence block. */
export interface EvidenceFigures {
  members?: number;
  purity?: { attribute: string; value: string; share: number };
  coverage?: number;
  confidence?: number;
  dataDate?: string;
  sources: { file: string; sha256: string }[];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  // YAML 1.1 readers may hand dates over as Date objects.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return undefined;
}

/**
 * Reads the evidence block defensively: it is opaque to checks and may
 * come from an older layout or a hand edit, and a report must still
 * render whatever part of it is there.
 */
export function evidenceFigures(evidence: RoleEvidence): EvidenceFigures {
  const statistics = record(evidence.statistics);
  const members = record(statistics?.members);
  const data = record(evidence.data);
  const purities = Array.isArray(members?.purity) ? members.purity : [];
  let purity: EvidenceFigures['purity'];
  for (const entry of purities) {
    const item = record(entry);
    const attribute = str(item?.attribute);
    const value = str(item?.value);
    const share = num(item?.share);
    if (attribute === undefined || value === undefined) continue;
    if (share === undefined) continue;
    if (purity === undefined || share > purity.share) {
      purity = { attribute, value, share };
    }
  }
  const sources = (Array.isArray(data?.sources) ? data.sources : []).flatMap(
    (entry) => {
      const item = record(entry);
      const file = str(item?.file);
      const sha256 = str(item?.sha256);
      return file === undefined || sha256 === undefined
        ? []
        : [{ file, sha256 }];
    },
  );
  const figures: EvidenceFigures = { sources };
  const count = num(members?.count);
  if (count !== undefined) figures.members = count;
  if (purity !== undefined) figures.purity = purity;
  const coverage = num(members?.coverage);
  if (coverage !== undefined) figures.coverage = coverage;
  const confidence = num(evidence.confidence);
  if (confidence !== undefined) figures.confidence = confidence;
  const dataDate = str(data?.date);
  if (dataDate !== undefined) figures.dataDate = dataDate;
  return figures;
}
