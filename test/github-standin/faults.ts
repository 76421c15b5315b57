import { errorJson } from './resources.ts';
import type { Json } from './resources.ts';

/**
 * Faults a test can queue to see how a client copes: server errors,
 * primary and secondary rate limits, a missing permission, a token GitHub
 * no longer accepts, or a dropped connection.
 */
export type FaultKind =
  | 'server-error'
  | 'rate-limit'
  | 'secondary-rate-limit'
  | 'forbidden'
  | 'unauthorized'
  | 'network';

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching requests fail; 1 when omitted. */
  times?: number;
  /** Only requests for this operation (e.g. `orgs/list-members`) fail. */
  operationId?: string;
  /**
   * For `server-error`: 500 when omitted. For the rate limits: 403 (the
   * default) or 429, both of which GitHub sends.
   */
  status?: number;
  message?: string;
}

export interface FaultResponse {
  status: number;
  body: Json;
  headers: Record<string, string>;
}

export class FaultQueue {
  private readonly queue: (FaultSpec & { left: number })[] = [];
  private leader: FaultQueue | undefined;

  /**
   * Makes this queue a view of another, so that servers answering for
   * different tokens share one set of faults: a fault queued once fails
   * the next matching request whoever sends it.
   */
  follow(leader: FaultQueue): void {
    this.leader = leader;
  }

  add(fault: FaultSpec): void {
    if (this.leader !== undefined) {
      this.leader.add(fault);
      return;
    }
    this.queue.push({ ...fault, left: fault.times ?? 1 });
  }

  clear(): void {
    if (this.leader !== undefined) {
      this.leader.clear();
      return;
    }
    this.queue.length = 0;
  }

  /** The fault for this request, if one is due; it is used up. */
  take(operationId: string): FaultSpec | undefined {
    if (this.leader !== undefined) return this.leader.take(operationId);
    const index = this.queue.findIndex(
      (f) => f.operationId === undefined || f.operationId === operationId,
    );
    const fault = this.queue[index];
    if (fault === undefined) return undefined;
    fault.left--;
    if (fault.left <= 0) this.queue.splice(index, 1);
    return fault;
  }
}

/** What GitHub sends for a fault; `network` has no response at all. */
export function faultResponse(
  fault: FaultSpec,
  nowSeconds: number,
): FaultResponse | undefined {
  switch (fault.kind) {
    case 'network':
      return undefined;
    case 'server-error': {
      const status = fault.status ?? 500;
      return {
        status,
        body: errorJson(fault.message ?? 'Server Error', status),
        headers: {},
      };
    }
    case 'rate-limit':
      return {
        status: limitStatus(fault),
        body: errorJson(
          fault.message ?? 'API rate limit exceeded for user ID 1001.',
          403,
        ),
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(nowSeconds),
          'retry-after': '1',
        },
      };
    case 'secondary-rate-limit':
      return {
        status: limitStatus(fault),
        body: errorJson(
          fault.message ??
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          403,
        ),
        headers: { 'retry-after': '1' },
      };
    case 'unauthorized':
      return {
        status: 401,
        body: errorJson(fault.message ?? 'Bad credentials', 401),
        headers: {},
      };
    case 'forbidden':
      return {
        status: 403,
        body: errorJson(
          fault.message ?? 'Resource not accessible by personal access token',
          403,
        ),
        headers: {},
      };
  }
}

function limitStatus(fault: FaultSpec): number {
  return fault.status === 429 ? 429 : 403;
}
