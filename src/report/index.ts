import { renderGithubAnnotations } from './github.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import type { CheckReport } from './report-input.ts';
import { renderSarif } from './sarif.ts';
import { renderText } from './text.ts';

export type {
  AccessChange,
  AccessImpactSummary,
  CheckReport,
  CriticalAccess,
  PolicyChange,
  SodRelevantAccess,
} from './report-input.ts';
export type { JsonReport } from './json.ts';
export type { ReportSummary } from './summary.ts';
export type { TextOptions } from './text.ts';
export { summarizeReport } from './summary.ts';
export {
  renderGithubAnnotations,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderSarif,
  renderText,
};

/** The values of `check --format`, the first being the default. */
export const REPORT_FORMATS = [
  'text',
  'json',
  'sarif',
  'github',
  'markdown',
  'junit',
] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour, for the text format only. */
  color: boolean;
}

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Renders `report` in `format`; pure, so the CLI decides where it goes. */
export function renderReport(
  format: ReportFormat,
  report: CheckReport,
  options: RenderOptions,
): string {
  switch (format) {
    case 'text':
      return renderText(report, options);
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'github':
      return renderGithubAnnotations(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'junit':
      return renderJunit(report);
  }
}
