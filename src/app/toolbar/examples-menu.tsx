// The Examples menu: the graphs in examples/ (listed in examples/index.json), each with its
// title and a one-line description.

import { useEffect, useRef, useState } from 'react';
import { EXAMPLES_URL, openExample } from '../graph-file.ts';
import { notifyError } from '../store/notice-store.ts';

interface ExampleEntry {
  file: string;
  title: string;
  description: string;
}

async function loadIndex(): Promise<ExampleEntry[]> {
  const res = await fetch(`${EXAMPLES_URL}index.json`);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const index = (await res.json()) as { examples?: ExampleEntry[] };
  return index.examples ?? [];
}

export function ExamplesMenu() {
  const [open, setOpen] = useState(false);
  const [examples, setExamples] = useState<ExampleEntry[]>();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    loadIndex().then(setExamples, (e: unknown) => {
      setOpen(false);
      notifyError(`Cannot list the examples: ${e instanceof Error ? e.message : String(e)}`);
    });
    const close = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);
  useEffect(() => {
    if (open && examples) root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open, examples]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') setOpen(false);
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
  };
  return (
    <div className="menu-root" ref={root} onKeyDown={onKeyDown}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Examples ▾
      </button>
      {open && examples && (
        <div className="menu examples-menu" role="menu" aria-label="Examples">
          {examples.map((x) => (
            <button
              key={x.file}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                void openExample(x.file);
              }}
            >
              <span className="example-title">{x.title}</span>
              <span className="example-description">{x.description}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
