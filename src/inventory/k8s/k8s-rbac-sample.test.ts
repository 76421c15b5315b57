import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../logger.ts';
import { isMachineKind } from '../../model/index.ts';
import { readK8sRbac } from './k8s-rbac.ts';

const DATA = join(
  import.meta.dirname,
  '../../../../shared/datasets/inventories',
);
const KUBE_PROMETHEUS = join(DATA, 'k8s-kube-prometheus');

const options = () => ({
  logger: createMemoryLogger(),
  onBadRecord: 'stop' as const,
});

describe.skipIf(!existsSync(KUBE_PROMETHEUS))(
  'readK8sRbac on the kube-prometheus sample (needs ../shared/datasets)',
  () => {
    it('reads every manifest with the counts measured on the sample', async () => {
      const { inventory, skipped, groupBindings } = await readK8sRbac(
        KUBE_PROMETHEUS,
        options(),
      );
      const risks = inventory.entitlements.map((e) => e.risk);

      expect(skipped).toEqual([]);
      expect(inventory.sources).toHaveLength(28);
      expect(inventory.identities).toHaveLength(8);
      expect(
        inventory.identities.filter((i) => isMachineKind(i.kind)),
      ).toHaveLength(8);
      expect(inventory.entitlements).toHaveLength(14);
      expect(inventory.assignments).toHaveLength(12);
      expect(risks.filter((r) => r === 'critical')).toHaveLength(1);
      expect(risks.filter((r) => r === 'high')).toHaveLength(2);
      expect(risks.filter((r) => r === undefined)).toHaveLength(0);
      expect(groupBindings).toEqual([]);
    });

    it('scopes the per-namespace RoleBindingList grants by namespace', async () => {
      const { inventory } = await readK8sRbac(KUBE_PROMETHEUS, options());

      const prometheus = inventory.assignments
        .filter((a) => a.identity === 'k8s:sa:monitoring/prometheus-k8s')
        .map((a) => a.entitlement);
      expect(prometheus).toEqual([
        'k8s:cluster:clusterrole/prometheus-k8s',
        'k8s:monitoring:role/prometheus-k8s-config',
        'k8s:default:role/prometheus-k8s',
        'k8s:kube-system:role/prometheus-k8s',
        'k8s:monitoring:role/prometheus-k8s',
      ]);
      expect(
        inventory.entitlements.find(
          (e) =>
            e.id ===
            'k8s:cluster:clusterrole/resource-metrics-server-resources',
        )?.risk,
      ).toBe('critical');
    });
  },
);
