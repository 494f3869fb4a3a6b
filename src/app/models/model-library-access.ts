// The editor's model library (engine services), with the browser-only operations the model
// page needs (catalogue, add without a node, download, remove, change events).

import { InstalledModelLibrary } from '../../ml/installed-models.ts';
import { engine } from '../engine.ts';

export function editorModelLibrary(): InstalledModelLibrary {
  const models = engine().services.models;
  if (!(models instanceof InstalledModelLibrary)) throw new Error('the editor runs without its browser model library');
  return models;
}
