import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import type { SchemaObject } from 'ajv';
import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import {
  CHECK_REPORT,
  makeFinding,
  makeReport,
} from '../../test/golden/report/check-report.ts';
import type { Finding } from '../model/index.ts';
import { renderSarif } from './sarif.ts';

const SCHEMA_PATH = '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

// The SARIF 2.1.0 schema on npm is written in draft-04, whose one keyword
// unknown to Ajv's draft-07 is the root `id`; renamed, Ajv reads it as is.
function loadSarifSchema(): SchemaObject {
  const path = createRequire(import.meta.url).resolve(SCHEMA_PATH);
  const schema = JSON.parse(readFileSync(path, 'utf8')) as SchemaObject;
  const { id, ...rest } = schema;
  delete rest.$schema;
  return { ...rest, $id: id };
}

function createValidator() {
  // The schema's `language` pattern has a stray `]` that only a non-unicode
  // RegExp accepts (as a literal), so Ajv must build them that way.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) =>
    URL.canParse(value, 'file:///'),
  );
  ajv.addFormat('date-time', (value: string) => !isNaN(Date.parse(value)));
  return ajv.compile(loadSarifSchema());
}

const validate = createValidator();

function resultsOf(findings: Finding[]): Result[] {
  const log = JSON.parse(renderSarif(makeReport({ findings }))) as Log;
  return log.runs[0]?.results ?? [];
}

describe('renderSarif', () => {
  it('matches the golden file', async () => {
    await expect(renderSarif(CHECK_REPORT)).toMatchFileSnapshot(
      '../../test/golden/report/check.sarif.json',
    );
  });

  it.each([
    ['the golden report', CHECK_REPORT],
    ['a report without findings', makeReport()],
    [
      'awkward paths and positions',
      makeReport({
        findings: [
          makeFinding({ file: 'roles\\a b\\c#1.yaml', line: 1, column: 1 }),
          makeFinding({ file: './roles/ü.yaml', line: 0 }),
        ],
      }),
    ],
  ])('validates %s against the SARIF 2.1.0 schema', (_name, report) => {
    const log: unknown = JSON.parse(renderSarif(report));

    validate(log);

    expect(validate.errors ?? []).toEqual([]);
  });

  it('has a validator that rejects a broken log', () => {
    const log = JSON.parse(renderSarif(CHECK_REPORT)) as Log;
    const result = log.runs[0]?.results?.[0];
    Object.assign(result ?? {}, { level: 'fatal', message: {} });

    validate(log);

    expect(validate.errors?.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining([
        '/runs/0/results/0/level',
        '/runs/0/results/0/message',
      ]),
    );
  });

  it.each<[string, Partial<Finding>, Result['locations']]>([
    ['no file', {}, undefined],
    [
      'a file only',
      { file: 'roles/a.yaml' },
      [
        {
          physicalLocation: {
            artifactLocation: { uri: 'roles/a.yaml', uriBaseId: '%SRCROOT%' },
          },
        },
      ],
    ],
    [
      'a line without column',
      { file: 'roles/a.yaml', line: 4 },
      [
        {
          physicalLocation: {
            artifactLocation: { uri: 'roles/a.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 4 },
          },
        },
      ],
    ],
    [
      'a Windows path with a space',
      { file: 'roles\\fin ops\\a#1.yaml', line: 2, column: 5 },
      [
        {
          physicalLocation: {
            artifactLocation: {
              uri: 'roles/fin%20ops/a%231.yaml',
              uriBaseId: '%SRCROOT%',
            },
            region: { startLine: 2, startColumn: 5 },
          },
        },
      ],
    ],
  ])('locates a finding with %s', (_name, overrides, locations) => {
    const [result] = resultsOf([makeFinding(overrides)]);

    expect(result?.locations).toEqual(locations);
  });

  it('gives each code one rule at the highest severity it was seen with', () => {
    const log = JSON.parse(
      renderSarif(
        makeReport({
          findings: [
            makeFinding({ code: 'sod.role-conflict', severity: 'warning' }),
            makeFinding({ code: 'lp.max-entitlements', severity: 'note' }),
            makeFinding({ code: 'sod.role-conflict', severity: 'error' }),
          ],
        }),
      ),
    ) as Log;
    const run = log.runs[0];

    expect(run?.tool.driver.rules).toEqual([
      {
        id: 'lp.max-entitlements',
        shortDescription: { text: 'lp.max-entitlements' },
        defaultConfiguration: { level: 'note' },
      },
      {
        id: 'sod.role-conflict',
        shortDescription: { text: 'sod.role-conflict' },
        defaultConfiguration: { level: 'error' },
      },
    ]);
    expect(run?.results?.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['sod.role-conflict', 1, 'warning'],
      ['lp.max-entitlements', 0, 'note'],
      ['sod.role-conflict', 1, 'error'],
    ]);
  });

  it('keeps a fingerprint when the line or message changes', () => {
    const before = makeFinding({
      file: 'roles/a.yaml',
      line: 3,
      subject: { role: 'a', entitlements: ['x', 'y'] },
    });
    const after = {
      ...before,
      line: 30,
      message: 'Reworded.',
      subject: { role: 'a', entitlements: ['y', 'x'] },
    };

    const [first, second] = resultsOf([before, after]);

    expect(first?.partialFingerprints).toEqual(second?.partialFingerprints);
  });

  it.each<[string, Partial<Finding>]>([
    ['code', { code: 'sod.other' }],
    ['file', { file: 'roles/b.yaml' }],
    ['path', { path: '/owners' }],
    ['subject', { subject: { role: 'b' } }],
  ])('changes the fingerprint when the %s changes', (_field, change) => {
    const base = makeFinding({ file: 'roles/a.yaml', subject: { role: 'a' } });

    const [first, second] = resultsOf([base, { ...base, ...change }]);

    expect(first?.partialFingerprints).not.toEqual(second?.partialFingerprints);
  });
});
