// RVM's recurrent state r1..r4, owned by one node instance. Zeros [1,1,1,1] after a reset, then
// each frame's r1o..r4o become the next frame's r1i..r4i. A frame that is not the next one in
// sequence, or has another size, ratio or session, starts over. Each tensor (GPU ones too) is
// disposed exactly once: the previous frame's when the new ones arrive.

import type { Precision } from './model-library.ts';
import type { Ort, OrtTensor } from './ort-env.ts';
import { RVM_STATE_INPUTS, RVM_STATE_OUTPUTS } from './rvm-session.ts';
import { zeroState } from './rvm-tensors.ts';

let liveStateTensors = 0;
/** Recurrent tensors currently held by all RVM nodes (leak tests). */
export const liveRvmStateTensors = () => liveStateTensors;

export class RvmRecurrentState {
  private held?: OrtTensor[];
  private key?: string;

  /** The r1i..r4i feeds for a frame; `fresh` is true when the state starts from zeros. */
  feeds(ort: Ort, precision: Precision, key: string, sequential: boolean): { feeds: Record<string, OrtTensor>; fresh: boolean } {
    if (!sequential || key !== this.key) this.reset();
    this.key = key;
    const tensors = this.held ?? RVM_STATE_INPUTS.map(() => zeroState(ort, precision));
    return { feeds: Object.fromEntries(RVM_STATE_INPUTS.map((n, i) => [n, tensors[i]])), fresh: !this.held };
  }

  /** Takes r1o..r4o from a run's outputs; releases the state they replace. */
  advance(outputs: Record<string, OrtTensor>): void {
    const next = RVM_STATE_OUTPUTS.map((n) => {
      const t = outputs[n];
      if (!t) throw new Error(`model gave no "${n}" output`);
      return t;
    });
    this.release();
    this.held = next;
    liveStateTensors += next.length;
  }

  reset(): void {
    this.release();
    this.key = undefined;
  }

  private release() {
    if (!this.held) return;
    for (const t of this.held) t.dispose();
    liveStateTensors -= this.held.length;
    this.held = undefined;
  }
}
