// The editor's layout: toolbar on top, the graph canvas centre-left, viewer and inspector on
// the right, the status line at the bottom. Opens the example graph on first load.

import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { GraphCanvas } from './canvas/graph-canvas.tsx';
import { openExample } from './graph-file.ts';
import { Inspector } from './inspector/inspector.tsx';
import { StatusLine } from './status-line.tsx';
import { Toolbar } from './toolbar/toolbar.tsx';
import { useShortcuts } from './edit/use-shortcuts.ts';
import { NodeSearch } from './search/node-search.tsx';
import { useModelChecks } from './use-model-checks.ts';
import { useMediaCheck } from './files/use-media-check.ts';
import { SaveAsDialog } from './toolbar/save-as-dialog.tsx';
import { Viewer } from './viewer/viewer.tsx';

let exampleRequested = false;

export function App() {
  useModelChecks();
  useShortcuts();
  useMediaCheck();
  useEffect(() => {
    // Once per page, even under StrictMode's double effects.
    if (exampleRequested) return;
    exampleRequested = true;
    void openExample(undefined, true);
  }, []);
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <main className="workspace">
          <GraphCanvas />
          <aside className="side-panel">
            <Viewer />
            <Inspector />
          </aside>
        </main>
        <StatusLine />
        <NodeSearch />
        <SaveAsDialog />
      </div>
    </ReactFlowProvider>
  );
}
