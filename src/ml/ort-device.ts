// The WebGPU device onnxruntime-web runs its kernels on. Textures and buffers cannot cross
// devices, so for inference to read frames from textures and write results into textures, the
// graph's shaders must run on this device. onnxruntime-web 1.30 (JSEP build) cannot be handed a
// device: its WebGPU backend requests one from the adapter when it starts, on the first WebGPU
// session. So we start it ourselves with a one-node model and take `ort.env.webgpu.device`.

import type { GpuContext } from '../gpu/context.ts';
import { identityModelBytes } from './onnx-identity-model.ts';
import { configuredOrt } from './ort-env.ts';

let started: Promise<GPUDevice> | undefined;
let lost = false;

/** onnxruntime-web's device, starting its WebGPU backend if nothing has yet. Once per page. */
export function ortWebGpuDevice(): Promise<GPUDevice> {
  started ??= (async () => {
    const ort = configuredOrt();
    try {
      const session = await ort.InferenceSession.create(identityModelBytes(), { executionProviders: ['webgpu'] });
      await session.release();
    } catch (e) {
      throw new Error(`onnxruntime-web could not start WebGPU: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
    const device = (await ort.env.webgpu.device) as GPUDevice | undefined;
    if (!device) throw new Error('onnxruntime-web started WebGPU but exposes no device');
    device.lost.then(() => (lost = true));
    return device;
  })();
  return started;
}

/** True once onnxruntime-web's device is gone (it does not make a new one in this page). */
export const ortWebGpuDeviceLost = () => lost;

/** The graph's GPU context when it is on onnxruntime's device, else why frames cannot stay there. */
export async function sharedOrtGpu(
  gpu: (() => Promise<GpuContext>) | undefined,
  ortDevice: () => Promise<GPUDevice> = ortWebGpuDevice,
): Promise<{ gpu?: GpuContext; reason?: string }> {
  if (!gpu) return { reason: 'no GPU context given: frames go through the CPU' };
  try {
    const [context, device] = await Promise.all([gpu(), ortDevice()]);
    if (context.device === device) return { gpu: context };
    return { reason: "the graph's GPU device is not onnxruntime's: frames go through the CPU" };
  } catch (e) {
    return { reason: `${(e instanceof Error ? e.message : String(e)).split('\n')[0]}: frames go through the CPU` };
  }
}
