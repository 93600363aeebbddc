/**
 * The central simulator's face comparison (刷脸): a real one, with @vladmandic/face-api in
 * plain Node (its ESM build with the bundled TensorFlow.js on the CPU backend; JPEGs decoded
 * by @napi-rs/canvas). The reference photo's face descriptor is computed once, on the first
 * request; each frame's descriptor is compared by euclidean distance, and below
 * MATCH_DISTANCE it is the same person (face-api's own recommended threshold).
 *
 * Every citizen of the simulator has the same reference photo (the configured test face):
 * the simulator tests the kiosk's face step, not a population's faces.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Image } from '@napi-rs/canvas';
import { loadCanvas } from '../canvas.js';
import type * as FaceApiModule from '@vladmandic/face-api/dist/face-api.esm.js';

export const MATCH_DISTANCE = 0.6;
/** The detector's input: a camera frame's face fills a good part of it; a reference photo may be large. */
const FRAME_INPUT_SIZE = 224;
const REFERENCE_INPUT_SIZE = 416;

const require = createRequire(import.meta.url);
const FACE_API_DIR = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
/** The simulator's default test face: the one person in the package's second sample photo. */
export const DEFAULT_REFERENCE_PHOTO = path.join(FACE_API_DIR, 'demo', 'sample2.jpg');

type FaceApi = typeof FaceApiModule;
export type FaceComparison = { result: 'match' | 'no-match' | 'no-face'; score?: number };

let faceApi: Promise<FaceApi> | null = null;

/**
 * The ESM build picks its platform when it loads: in Node it would wire a `util` module it
 * does not bundle (and fail), so it is loaded as in a worker (fetch and TextEncoder are Node's
 * own) and the global goes again at once. Canvas, Image and ImageData come from @napi-rs/canvas.
 */
function loadFaceApi(): Promise<FaceApi> {
  faceApi ??= (async () => {
    const { Canvas, Image, ImageData, createCanvas } = await loadCanvas();
    const g = globalThis as { WorkerGlobalScope?: unknown };
    g.WorkerGlobalScope = class {};
    let api: FaceApi;
    try {
      api = await import('@vladmandic/face-api/dist/face-api.esm.js');
    } finally {
      delete g.WorkerGlobalScope;
    }
    api.env.monkeyPatch({
      Canvas: Canvas as unknown as typeof HTMLCanvasElement,
      Image: Image as unknown as typeof HTMLImageElement,
      ImageData: ImageData as unknown as typeof globalThis.ImageData,
      createCanvasElement: () => createCanvas(1, 1) as unknown as HTMLCanvasElement,
      createImageElement: () => new Image() as unknown as HTMLImageElement,
    });
    // The typings of the bundled tfjs leave out its engine functions.
    const tf = api.tf as unknown as { setBackend(name: string): Promise<boolean>; ready(): Promise<void> };
    await tf.setBackend('cpu');
    await tf.ready();
    const load = (net: { loadFromWeightMap(w: Record<string, unknown>): void }, name: string) => {
      const manifest = JSON.parse(readFileSync(path.join(FACE_API_DIR, 'model', `${name}-weights_manifest.json`), 'utf8')) as Array<{ weights: never }>;
      const bin = readFileSync(path.join(FACE_API_DIR, 'model', `${name}.bin`));
      const bytes = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
      net.loadFromWeightMap(api.tf.io.decodeWeights(bytes, manifest[0]!.weights) as Record<string, unknown>);
    };
    load(api.nets.tinyFaceDetector, 'tiny_face_detector_model');
    load(api.nets.faceLandmark68Net, 'face_landmark_68_model');
    load(api.nets.faceRecognitionNet, 'face_recognition_model');
    return api;
  })();
  return faceApi;
}

/** A decoded picture, or null when the bytes are none (then there is no face in them). */
async function decode(jpeg: Buffer): Promise<Image | null> {
  const { loadImage } = await loadCanvas();
  try {
    return await loadImage(jpeg);
  } catch {
    return null;
  }
}

/** The descriptor of the one face in a picture, or null when it holds none (or several: whose would it be?). */
async function describeOneFace(api: FaceApi, image: Image, inputSize: number): Promise<Float32Array | null> {
  const { createCanvas } = await loadCanvas();
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  const faces = await api
    .detectAllFaces(canvas as unknown as HTMLCanvasElement, new api.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.5 }))
    .withFaceLandmarks()
    .withFaceDescriptors();
  return faces.length === 1 ? faces[0]!.descriptor : null;
}

export class FaceMatcher {
  private reference: Promise<Float32Array> | null = null;

  constructor(private readonly referencePhoto: string = DEFAULT_REFERENCE_PHOTO) {}

  /**
   * The first frame that holds one face decides (the kiosk only sends frames its own check
   * found a face in; comparing each would multiply a slow CPU comparison for nothing).
   */
  async compare(frames: Buffer[]): Promise<FaceComparison> {
    for (const frame of frames) {
      // Bytes that are no picture cost nothing: the model is loaded for a picture only.
      const image = await decode(frame);
      if (!image) continue;
      const api = await loadFaceApi();
      const descriptor = await describeOneFace(api, image, FRAME_INPUT_SIZE);
      if (!descriptor) continue;
      const reference = await this.referenceDescriptor(api);
      const distance = api.euclideanDistance(reference, descriptor);
      return { result: distance < MATCH_DISTANCE ? 'match' : 'no-match', score: Math.round(distance * 1000) / 1000 };
    }
    return { result: 'no-face' };
  }

  private referenceDescriptor(api: FaceApi): Promise<Float32Array> {
    this.reference ??= (async () => {
      const image = await decode(readFileSync(this.referencePhoto));
      return image ? describeOneFace(api, image, REFERENCE_INPUT_SIZE) : null;
    })().then((d) => {
      if (!d) throw new Error(`central simulator: the reference photo ${this.referencePhoto} must show exactly one face`);
      return d;
    });
    return this.reference;
  }
}
