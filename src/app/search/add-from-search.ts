// What picking a node type in the search does: where the node goes and which wire it takes.

import type { GraphDocument, GraphNode, PortRef } from '../../graph/document.ts';
import type { NodeRegistry } from '../../graph/registry.ts';
import type { NodeDefinition } from '../../graph/types.ts';
import { measuredHeight } from '../canvas/measured-heights.ts';
import { engine } from '../engine.ts';
import { addNodeLinked, linkFor, newNode, type NewNodeLink } from '../graph-actions.ts';
import { placeNewNode } from '../node-placement.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import type { SearchRequest } from '../store/search-store.ts';

const NODE_W = 200;
const NODE_H = 110;
const STEP_X = 260;

const registry = () => engine().registry as NodeRegistry<unknown>;

/** The outputs of the selected node, as links a new node could take (Tab in Nuke). */
function selectionLinks(doc: GraphDocument): NewNodeLink[] {
  const sel = doc.nodes.find((n) => n.id === useSelectionStore.getState().nodeId);
  const def = sel && registry().get(sel.type);
  return def ? def.outputs.map((p) => ({ from: { node: sel.id, port: p.id } as PortRef })) : [];
}

/** The links a request asks for, most wanted first. */
function requestLinks(doc: GraphDocument, req: SearchRequest): NewNodeLink[] {
  if (req.link) return [req.link];
  return req.linkFromSelection ? selectionLinks(doc) : [];
}

/** Node types that can take the request's wire (all types when it has none). */
export function typesForRequest(req: SearchRequest): NodeDefinition<unknown>[] {
  const all = registry().all();
  if (!req.link) return all;
  const doc = useDocumentStore.getState().doc;
  return all.filter((def) => linkFor(doc, newNode(doc, def.type, { x: 0, y: 0 }), req.link!));
}

/** Room kept between a new node and the ones around it. */
const GAP = 24;
/** A new node grows once it shows a thumbnail and facts: keep room for that. */
const NEW_NODE_H = 200;

/** The node a new node at `p` would cover, by the boxes the canvas measured (nodes grow with thumbnails and facts). */
function blockerAt(doc: GraphDocument, p: { x: number; y: number }): GraphNode | undefined {
  return doc.nodes.find((n) => {
    const h = measuredHeight(n.id) ?? NODE_H;
    return p.x < n.position.x + NODE_W + GAP && n.position.x < p.x + NODE_W + GAP && p.y < n.position.y + h + GAP && n.position.y < p.y + NEW_NODE_H + GAP;
  });
}

/** Moves `p` down below whatever it would cover. */
function freeBelow(doc: GraphDocument, p: { x: number; y: number }) {
  for (let b = blockerAt(doc, p); b; b = blockerAt(doc, p)) p.y = b.position.y + (measuredHeight(b.id) ?? NODE_H) + GAP;
  return p;
}

/** Where the new node goes: the asked place, else right of the node it is wired to, else by category. */
function placeFor(doc: GraphDocument, req: SearchRequest, def: NodeDefinition<unknown>, linkedTo?: string) {
  if (req.place && !blockerAt(doc, req.place)) return req.place;
  const anchor = linkedTo ? doc.nodes.find((n) => n.id === linkedTo)?.position : req.place;
  if (anchor) return freeBelow(doc, req.place && !linkedTo ? { ...anchor } : { x: anchor.x + STEP_X, y: anchor.y });
  return placeNewNode(doc, def.category, measuredHeight);
}

export function addFromSearch(type: string, req: SearchRequest): string {
  const doc = useDocumentStore.getState().doc;
  const def = registry().require(type);
  const probe: GraphNode = newNode(doc, type, { x: 0, y: 0 });
  // Of the selected node's outputs, one going to a same-named input wins (BGMv2 err → Refine viewer err).
  const fitting = requestLinks(doc, req).map((l) => ({ l, wire: linkFor(doc, probe, l) })).filter((c) => c.wire);
  const link = (fitting.find((c) => c.wire!.from.port === c.wire!.to.port) ?? fitting[0])?.l;
  const linkedTo = link && ('from' in link ? link.from.node : link.to.node);
  return addNodeLinked(type, placeFor(doc, req, def, linkedTo), link);
}
