// Every node type Mattegraph ships, in menu order.

import { NodeRegistry } from '../src/graph/registry.ts';
import type { NodeDefinition } from '../src/graph/types.ts';
import type { NodeServices } from './services.ts';
import { videoSource } from './video-source/definition.ts';
import { rvmMatte } from './rvm-matte/definition.ts';
import { bgmv2Matte } from './bgmv2-matte/definition.ts';
import { refineViewer } from './refine-viewer/definition.ts';
import { backgroundPlate } from './background-plate/definition.ts';
import { composite } from './composite/definition.ts';
import { exportNode } from './export/definition.ts';
import { webcamSource } from './webcam-source/definition.ts';
import { colorKey } from './color-key/definition.ts';
import { matteOps } from './matte-ops/definition.ts';

export const nodeDefinitions: NodeDefinition<NodeServices>[] = [videoSource, rvmMatte, bgmv2Matte, colorKey, matteOps, backgroundPlate, webcamSource, composite, refineViewer, exportNode];

export const createRegistry = () => new NodeRegistry<NodeServices>(nodeDefinitions);
