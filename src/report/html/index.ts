export { renderHtmlReport } from './page.ts';
export { computeSodMatrix } from './sod-matrix.ts';
export type {
  HtmlReportData,
  SodMatrix,
  TrendPoint,
  TrendSeries,
} from './types.ts';
