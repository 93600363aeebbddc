/**
 * Test videos for Chromium's fake camera (--use-file-for-fake-video-capture), made with ffmpeg
 * from @vladmandic/face-api's sample photos: the "right face" (the person of sample2.jpg, the
 * central simulator's default reference photo, framed as a kiosk camera would), a "wrong face"
 * (a person of sample3.jpg) and "no face" (ffmpeg's test pattern). Generated at test time into
 * a folder the caller owns: 2 s at 10 fps of 480×360 Y4M (~5 MB each), never committed.
 *
 *   npx tsx scripts/face/make-fake-camera.ts <dir>
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const SAMPLES = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'demo');

export interface FakeCameraVideos {
  rightFace: string;
  wrongFace: string;
  noFace: string;
}

function y4m(out: string, input: string[], filter: string): string {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...input, '-t', '2', '-r', '10', '-vf', `${filter},format=yuv420p`, out], { stdio: 'pipe' });
  return out;
}

export function makeFakeCameraVideos(dir: string): FakeCameraVideos {
  mkdirSync(dir, { recursive: true });
  return {
    // Face boxes found by face-api's detector: sample2 has one face at (1404,178) 271×252; sample3's first at (994,252) 333×283.
    rightFace: y4m(path.join(dir, 'right-face.y4m'), ['-loop', '1', '-i', path.join(SAMPLES, 'sample2.jpg')], 'crop=640:480:1220:64,scale=480:360'),
    wrongFace: y4m(path.join(dir, 'wrong-face.y4m'), ['-loop', '1', '-i', path.join(SAMPLES, 'sample3.jpg')], 'crop=640:480:840:154,scale=480:360'),
    noFace: y4m(path.join(dir, 'no-face.y4m'), ['-f', 'lavfi', '-i', 'testsrc=size=480x360:rate=10'], 'null'),
  };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  console.log(makeFakeCameraVideos(path.resolve(process.argv[2] ?? 'var/fake-camera')));
}
