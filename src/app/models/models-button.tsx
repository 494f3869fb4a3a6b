// The toolbar's "Models" button and the model page it opens.

import { useRef } from 'react';
import { ModelsPanel } from './models-panel.tsx';
import { useModelsStore } from './models-store.ts';

export function ModelsButton() {
  const open = useModelsStore((s) => s.open);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    useModelsStore.getState().setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        title="Installed, stored and missing models; add or download one"
        onClick={() => useModelsStore.getState().setOpen(true)}
      >
        Models
      </button>
      {open && <ModelsPanel onClose={close} />}
    </>
  );
}
