import type { Finding, RoleEntry } from '../../model/index.ts';

/** One value of a measure at one point of history (a commit). */
export interface TrendPoint {
  label: string;
  value: number;
}

export interface TrendSeries {
  metric: string;
  points: TrendPoint[];
}

export interface SodMatrixRisk {
  id: string;
  title: string;
  functions: string[];
}

/** A role holds entitlements of these functions of the risk. */
export interface SodMatrixCell {
  risk: string;
  role: string;
  functions: string[];
}

export interface SodMatrix {
  risks: SodMatrixRisk[];
  roles: string[];
  cells: SodMatrixCell[];
}

/** Everything the HTML report shows; rendering it does no I/O. */
export interface HtmlReportData {
  title: string;
  generatedFrom: { commit?: string; dataDate?: string; version: string };
  trends: TrendSeries[];
  roles: RoleEntry[];
  sod: SodMatrix;
  findings: Finding[];
}
