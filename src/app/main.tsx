// Entry point of the editor: mounts the React view. The engine (evaluator, services) lives
// outside React in engine.ts; React only shows the document and asks the engine for frames.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import './styles/node.css';
import './styles/viewer.css';
import './styles/overlays.css';
import './styles/viewer-pick.css';
import { App } from './app.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
