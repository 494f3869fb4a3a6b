// The toolbar: graph file commands, loading a video, adding nodes, and export.

import { useEffect, useRef } from 'react';
import { fileKind } from '../files/file-kinds.ts';
import { useVideoFile } from '../files/use-file.ts';
import { askSaveAs, registerOpenPicker } from '../files/file-commands.ts';
import { newGraph, openGraphFile, saveGraph } from '../graph-file.ts';
import { useDocumentStore } from '../store/document-store.ts';
import { notifyError } from '../store/notice-store.ts';
import { useSelectionStore } from '../store/selection-store.ts';
import { EditButtons } from './edit-buttons.tsx';
import { ExamplesMenu } from './examples-menu.tsx';
import { ExportControls } from './export-controls.tsx';
import { ModelsButton } from '../models/models-button.tsx';

/** The VideoSource a picked video goes to: the selected one, or the only one in the graph. */
function videoSourceForPick(): string | undefined {
  const { doc } = useDocumentStore.getState();
  const sources = doc.nodes.filter((n) => n.type === 'VideoSource');
  const selected = sources.find((n) => n.id === useSelectionStore.getState().nodeId);
  return selected?.id ?? (sources.length === 1 ? sources[0].id : undefined);
}

function HiddenFilePicker({ accept, label, onFile, inputRef }: {
  accept: string;
  label: string;
  onFile(file: File): void;
  inputRef: React.RefObject<HTMLInputElement | null>;
}) {
  return (
    <input
      ref={inputRef}
      type="file"
      accept={accept}
      hidden
      aria-label={label}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) onFile(file);
      }}
    />
  );
}

export function Toolbar() {
  const graphInput = useRef<HTMLInputElement>(null);
  const videoInput = useRef<HTMLInputElement>(null);
  const name = useDocumentStore((s) => s.name);
  useEffect(() => {
    registerOpenPicker(() => graphInput.current?.click());
    return () => registerOpenPicker(undefined);
  }, []);
  return (
    <header className="toolbar">
      <span className="app-name">Mattegraph</span>
      <span className="doc-name" title="Graph file">{name}</span>
      <div className="toolbar-group" role="group" aria-label="Graph file">
        <button type="button" onClick={newGraph} title="New empty graph">New</button>
        <button type="button" onClick={() => graphInput.current?.click()} title="Open a .mattegraph.json (Ctrl+O), or drop it on the canvas">Open…</button>
        <button type="button" onClick={saveGraph} title="Save as .mattegraph.json (Ctrl+S)">Save</button>
        <button type="button" onClick={askSaveAs} title="Save under a new name (Ctrl+Shift+S)">Save as…</button>
        <ExamplesMenu />
        <HiddenFilePicker
          inputRef={graphInput}
          accept=".json,.mattegraph.json,application/json"
          label="Open graph file"
          onFile={(f) => void openGraphFile(f)}
        />
      </div>
      <div className="toolbar-group" role="group" aria-label="Edit">
        <button type="button" onClick={() => videoInput.current?.click()}>Open video…</button>
        <HiddenFilePicker
          inputRef={videoInput}
          accept="video/*,.mp4,.m4v,.mov,.webm"
          label="Open video file"
          onFile={(f) => {
            if (fileKind(f) !== 'video') notifyError(`${f.name} does not look like a video`);
            else useVideoFile(f, videoSourceForPick());
          }}
        />
        <EditButtons />
      </div>
      <ModelsButton />
      <div className="toolbar-spacer" />
      <ExportControls />
    </header>
  );
}
