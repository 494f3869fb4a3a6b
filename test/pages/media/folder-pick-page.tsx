// Test page: the editor's "Folder…" button for a Video Source, with the editor's real stores and
// engine, so a test can pick a folder (webkitdirectory) and read what the node got; exposes
// `window.folderPick`.

import { createRoot } from 'react-dom/client';
import { engine } from '../../../src/app/engine.ts';
import { FolderButton } from '../../../src/app/files/folder-button.tsx';
import { addNode } from '../../../src/app/graph-actions.ts';
import { useDocumentStore } from '../../../src/app/store/document-store.ts';
import { useNoticeStore } from '../../../src/app/store/notice-store.ts';

const id = addNode('VideoSource', { x: 0, y: 0 });
createRoot(document.getElementById('root')!).render(<FolderButton nodeId={id} paramKey="file" label="File" />);

const api = {
  file: () => useDocumentStore.getState().doc.nodes.find((n) => n.id === id)?.params.file,
  notice: () => useNoticeStore.getState().notice?.text,
  async frames() {
    const info = await engine().evaluator.clipInfo(id);
    return info?.frameCount;
  },
};

declare global {
  interface Window {
    folderPick: typeof api;
  }
}
window.folderPick = api;
