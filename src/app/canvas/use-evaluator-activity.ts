// Feeds the evaluator's run observer into the status store, so each node on the canvas shows
// when it is working on a frame (and which), and that it is ready once it computed its frame.

import { useEffect } from 'react';
import { engine } from '../engine.ts';
import { useStatusStore } from '../store/status-store.ts';

export function useEvaluatorActivity(): void {
  useEffect(
    () =>
      engine().evaluator.observe({
        onRun: (run) => useStatusStore.getState().noteRun(run),
        onSettled: () => useStatusStore.getState().settled(),
      }),
    [],
  );
}
