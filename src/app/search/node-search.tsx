// The node search popup (Tab, the "Add node" button, or a wire dropped on empty canvas):
// type to filter node types, arrows to choose, Enter to add, Escape to close. Each row shows the
// type's label, category and a one-line description.

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { portColor } from '../port-colors.ts';
import { engine } from '../engine.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useSearchStore, type SearchRequest } from '../store/search-store.ts';
import { addFromSearch, typesForRequest } from './add-from-search.ts';
import { matchNodeTypes } from './match-node-types.ts';

const WIDTH = 340;
const MAX_HEIGHT = 320;

function linkText(req: SearchRequest): string | undefined {
  if (!req.link) return undefined;
  const ref = 'from' in req.link ? req.link.from : req.link.to;
  const node = useDocumentStore.getState().doc.nodes.find((n) => n.id === ref.node);
  const def = node && engine().registry.get(node.type);
  const port = def && [...def.outputs, ...def.inputs].find((p) => p.id === ref.port);
  const types = port?.types.join(' or ') ?? '';
  return 'from' in req.link
    ? `Takes ${ref.node}.${port?.label ?? ref.port} (${types})`
    : `Feeds ${ref.node}.${port?.label ?? ref.port} (${types})`;
}

function SearchPopup({ req }: { req: SearchRequest }) {
  const close = useSearchStore((s) => s.close);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const listId = useId();
  const candidates = useMemo(() => typesForRequest(req), [req]);
  const matches = useMemo(() => matchNodeTypes(candidates, query), [candidates, query]);
  const chosen = Math.min(active, Math.max(0, matches.length - 1));
  const link = linkText(req);

  useEffect(() => {
    input.current?.focus();
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) useSearchStore.getState().close();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, []);
  useEffect(() => {
    root.current?.querySelector(`[data-index="${chosen}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [chosen]);

  const pick = (type: string) => {
    useSearchStore.setState({ request: undefined });
    addFromSearch(type, req);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = matches.length || 1;
      setActive((chosen + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (matches[chosen]) pick(matches[chosen].type);
    } else if (e.key === 'Escape' || (e.key === 'Tab' && !query)) {
      e.preventDefault();
      close();
    }
    e.stopPropagation();
  };
  const left = Math.max(8, Math.min(req.at.x, window.innerWidth - WIDTH - 8));
  const top = Math.max(8, Math.min(req.at.y, window.innerHeight - MAX_HEIGHT - 60));
  const optionId = (i: number) => `${listId}-opt-${i}`;
  return (
    <div className="node-search" role="dialog" aria-label="Add node" ref={root} style={{ left, top, width: WIDTH }}>
      <input
        ref={input}
        type="text"
        role="combobox"
        aria-label="Search node types"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={matches.length ? optionId(chosen) : undefined}
        aria-autocomplete="list"
        placeholder="Type to search nodes…"
        value={query}
        spellCheck={false}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {link && <div className="node-search-link">{link}</div>}
      <ul className="node-search-list" role="listbox" id={listId} aria-label="Node types" style={{ maxHeight: MAX_HEIGHT }}>
        {matches.map((d, i) => (
          <li
            key={d.type}
            id={optionId(i)}
            data-index={i}
            role="option"
            aria-selected={i === chosen}
            className={i === chosen ? 'active' : undefined}
            onPointerMove={() => i !== chosen && setActive(i)}
            onClick={() => pick(d.type)}
          >
            <div className="node-search-row">
              <span className="node-search-label">{d.label}</span>
              <span className="node-search-ports" aria-hidden="true">
                {d.outputs.map((p) => <span key={p.id} className="port-dot" style={{ background: portColor[p.types[0]] }} />)}
              </span>
              <span className="node-search-category">{d.category}</span>
            </div>
            <div className="node-search-description" title={d.description}>{d.description}</div>
          </li>
        ))}
        {!matches.length && <li className="node-search-empty" role="presentation">No node type matches “{query}”{link ? ' and fits this wire' : ''}.</li>}
      </ul>
      <div className="node-search-keys" aria-hidden="true">↑↓ choose · Enter add · Esc close</div>
    </div>
  );
}

export function NodeSearch() {
  const req = useSearchStore((s) => s.request);
  return req ? <SearchPopup key={JSON.stringify({ at: req.at, link: req.link })} req={req} /> : null;
}
