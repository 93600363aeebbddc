/**
 * The local face-presence check: @vladmandic/face-api's TinyFaceDetector on TensorFlow.js's
 * CPU backend. This module is only ever loaded by a dynamic import (FaceCameraScreen), so
 * face-api, TensorFlow.js and the model stay out of the main renderer bundle.
 *
 * The model (tiny_face_detector, ~190 KB) is inlined into this lazy chunk at build time
 * (scripts/face-model-plugin.mjs) and decoded here: no request at run time, so the page's CSP (connect-src) needs no change; the
 * CPU backend needs neither WebAssembly nor WebGL, so no 'wasm-unsafe-eval' either.
 */
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm.js';
import { weightSpecs, weightsBase64 } from 'virtual:face-detector-model';
import type { FaceBox } from './guidance.js';

/** Small input: a face at arm's length fills a good part of the frame, and the check runs every few hundred ms. */
const INPUT_SIZE = 224;

export type DetectFaces = (video: HTMLVideoElement) => Promise<FaceBox[]>;

function decodeBase64(base64: string): ArrayBuffer {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

let ready: Promise<void> | null = null;

export async function createDetector(): Promise<DetectFaces> {
  ready ??= (async () => {
    const tf = faceapi.tf as unknown as { setBackend(name: string): Promise<boolean>; ready(): Promise<void>; io: { decodeWeights(b: ArrayBuffer, s: unknown): Record<string, unknown> } };
    await tf.setBackend('cpu');
    await tf.ready();
    faceapi.nets.tinyFaceDetector.loadFromWeightMap(tf.io.decodeWeights(decodeBase64(weightsBase64), weightSpecs) as never);
  })();
  await ready;
  const options = new faceapi.TinyFaceDetectorOptions({ inputSize: INPUT_SIZE, scoreThreshold: 0.5 });
  return async (video) => {
    const found = await faceapi.detectAllFaces(video, options);
    return found.map((d) => ({ x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height }));
  };
}
