// onnxruntime-web, configured once per page: the JSEP build (`onnxruntime-web`: WASM + the JS
// WebGPU kernels, the build the RVM *_webgpu test models were verified on), its runtime files
// served from our own origin at /ort/ (never a CDN), and as many WASM threads as the page's
// cross-origin isolation allows.

import * as ort from 'onnxruntime-web';

let configured = false;

export function configuredOrt(): typeof ort {
  if (!configured) {
    configured = true;
    ort.env.wasm.wasmPaths = '/ort/';
    // Threads need SharedArrayBuffer, which exists only in cross-origin isolated pages.
    const isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;
    ort.env.wasm.numThreads = isolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
    ort.env.logLevel = 'error';
  }
  return ort;
}

export type Ort = typeof ort;
export type OrtTensor = ort.Tensor;
export type OrtSession = ort.InferenceSession;
