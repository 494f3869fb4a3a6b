// "Add node" menu: every registered node type, grouped by category, in registry order.

import { useEffect, useRef, useState } from 'react';
import type { NodeDefinition } from '../../graph/types.ts';
import { measuredHeight } from '../canvas/measured-heights.ts';
import { engine } from '../engine.ts';
import { addNode } from '../graph-actions.ts';

function byCategory(defs: readonly NodeDefinition<unknown>[]) {
  const groups = new Map<string, NodeDefinition<unknown>[]>();
  for (const d of defs) groups.set(d.category, [...(groups.get(d.category) ?? []), d]);
  return [...groups];
}

export function AddNodeMenu() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    first.current?.focus();
    const close = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);
  const groups = byCategory(engine().registry.all());
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      setOpen(false);
      toggle.current?.focus();
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    if (!items.length) return;
    e.preventDefault();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = e.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next].focus();
  };
  let firstAssigned = false;
  return (
    <div className="menu-root" ref={root} onKeyDown={onKeyDown}>
      <button ref={toggle} type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Add node ▾
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="Add node">
          {groups.map(([category, defs]) => (
            <div key={category} className="menu-group" role="group" aria-label={category}>
              <div className="menu-group-title">{category}</div>
              {defs.map((d) => {
                const ref = firstAssigned ? undefined : first;
                firstAssigned = true;
                return (
                  <button
                    key={d.type}
                    ref={ref}
                    type="button"
                    role="menuitem"
                    title={d.description}
                    onClick={() => {
                      setOpen(false);
                      addNode(d.type, undefined, measuredHeight);
                    }}
                  >
                    {d.label}
                  </button>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
