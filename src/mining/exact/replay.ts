import { RolesmithError } from '../../errors.ts';
import type { KernelStep } from './kernel.ts';

/**
 * Undoes the kernel on a cover of its residual: forced cliques join the
 * cover, and each dominated cell joins a clique through the cell that
 * dominated it (which then stays a clique, since N[by] ⊆ N[cell]).
 * Returns cliques covering every cell of the graph.
 */
export function replayKernel(
  steps: readonly KernelStep[],
  residual: readonly number[][],
): number[][] {
  const cliques = residual.map((clique) => [...clique]);
  const home = new Map<number, number[]>();
  const settle = (clique: number[]) => {
    for (const cell of clique) if (!home.has(cell)) home.set(cell, clique);
  };
  cliques.forEach(settle);
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i] as KernelStep;
    if (step.kind === 'forced') {
      const clique = [...step.clique];
      cliques.push(clique);
      settle(clique);
    } else {
      const clique = home.get(step.by);
      if (clique === undefined) {
        throw new RolesmithError('the exact miner lost a cell in replay', {
          code: 'internal',
        });
      }
      clique.push(step.cell);
      home.set(step.cell, clique);
    }
  }
  return cliques;
}
