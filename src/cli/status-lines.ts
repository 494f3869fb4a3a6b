// Node statuses (state, message, facts) as lines for --verbose output and the bench.

import type { NodeStatus } from '../graph/types.ts';

export function formatStatuses(statuses: Record<string, NodeStatus>): string[] {
  return Object.entries(statuses).map(([id, s]) => {
    const facts = Object.entries(s.facts ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
    return `${id}: ${s.state}${s.message ? ` (${s.message})` : ''}${facts ? ` ${facts}` : ''}`;
  });
}
