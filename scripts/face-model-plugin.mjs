// The renderer's face-presence model (刷脸, renderer/face/presence-detector.ts) as a virtual
// module `virtual:face-detector-model`: the TinyFaceDetector weights of @vladmandic/face-api,
// read from the package at build time and inlined (base64) into the lazy chunk that imports
// it. No request for a model at run time, so the page's CSP needs no connect-src for it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const ID = 'virtual:face-detector-model';
const RESOLVED = `\0${ID}`;
const MODEL = 'tiny_face_detector_model';

export function faceModelPlugin() {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'model');
  return {
    name: 'face-detector-model',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const manifest = JSON.parse(await readFile(path.join(dir, `${MODEL}-weights_manifest.json`), 'utf8'));
      const weights = (await readFile(path.join(dir, `${MODEL}.bin`))).toString('base64');
      return `export const weightSpecs = ${JSON.stringify(manifest[0].weights)};\nexport const weightsBase64 = ${JSON.stringify(weights)};\n`;
    },
  };
}
