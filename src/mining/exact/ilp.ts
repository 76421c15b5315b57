import type { Highs } from 'highs';

/** min Σ costs·x over x ∈ {0,1}ⁿ subject to Σ coef·x ≥ atLeast rows. */
export interface BinaryProgram {
  costs: number[];
  constraints: { vars: number[]; coefs?: number[]; atLeast: number }[];
}

export interface ProgramResult {
  /** `optimal`: proven; `stopped`: time ran out (values may be null). */
  status: 'optimal' | 'stopped';
  values: Float64Array | null;
  /** Proven lower bound on the objective (−∞ when none). */
  dualBound: number;
}

type HighsLoader = () => Promise<Highs>;

let solver: Promise<Highs> | undefined;

/** HiGHS (wasm) is loaded on first use only: most inputs never need it. */
function loadSolver(): Promise<Highs> {
  solver ??= import('highs').then((module: { default: unknown }) => {
    // Node loads the ESM build, whose default export is the loader; the
    // package's typings describe the CommonJS build, one level deeper.
    const value = module.default;
    const loader =
      typeof value === 'function'
        ? (value as HighsLoader)
        : (value as { default: HighsLoader }).default;
    return loader();
  });
  return solver;
}

/** Solves a binary program with HiGHS under a wall-clock limit. */
export async function solveBinaryProgram(
  program: BinaryProgram,
  timeLimitSeconds: number,
  start?: Float64Array,
): Promise<ProgramResult> {
  const highs = await loadSolver();
  const text = writeLp(program);
  return highs.withModel({ format: 'lp', data: text }, (model) => {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.05, timeLimitSeconds),
      mip_rel_gap: 0,
    });
    // A known solution lets HiGHS prune from the start.
    if (start !== undefined) model.setSolution({ colValue: start });
    model.run();
    const status = model.getModelStatus();
    const optimal = status === highs.constants.modelStatus.optimal;
    const values = model.getSolution().colValue;
    const bound = Number(model.info.get('mip_dual_bound'));
    const found =
      values.length === program.costs.length && satisfies(program, values);
    const result: ProgramResult = {
      status: optimal ? 'optimal' : 'stopped',
      values: found ? values.slice() : null,
      dualBound: Number.isFinite(bound) ? bound : -Infinity,
    };
    return result;
  });
}

/** A stopped solve may return no incumbent: check every row. */
function satisfies(program: BinaryProgram, values: Float64Array): boolean {
  return program.constraints.every((row) => {
    let sum = 0;
    row.vars.forEach((v, k) => {
      sum += (row.coefs?.[k] ?? 1) * Math.round(values[v] ?? 0);
    });
    return sum >= row.atLeast;
  });
}

/**
 * CPLEX LP text. Every variable appears in the objective, in order, so
 * HiGHS numbers its columns as we do; long rows wrap onto continuation
 * lines, which the format allows.
 */
export function writeLp(program: BinaryProgram): string {
  const out: string[] = ['Minimize', ' obj:'];
  program.costs.forEach((cost, j) => {
    append(out, cost, j);
  });
  out.push('Subject To');
  program.constraints.forEach((row, i) => {
    out.push(` c${i}:`);
    row.vars.forEach((v, k) => {
      append(out, row.coefs?.[k] ?? 1, v);
    });
    out.push(` >= ${row.atLeast}`);
  });
  out.push('Binary');
  for (let j = 0; j < program.costs.length; j += 20) {
    const names = [];
    for (let k = j; k < Math.min(j + 20, program.costs.length); k++) {
      names.push(`x${k}`);
    }
    out.push(` ${names.join(' ')}`);
  }
  out.push('End', '');
  return out.join('\n');
}

function append(out: string[], coef: number, variable: number): void {
  const sign = coef < 0 ? '-' : '+';
  const size = Math.abs(coef);
  out.push(` ${sign} ${size === 1 ? '' : `${size} `}x${variable}`);
}
