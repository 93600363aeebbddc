/**
 * 刷脸 end to end: Chromium with a fake camera (videos made by scripts/face/make-fake-camera.ts),
 * the real renderer, the core, and the central simulator's real face comparison. A matter the
 * hall lists in face.requiredForMatters asks a card holder for the face before it is submitted;
 * the right face passes and the receipt follows; a wrong face is refused plainly with the card
 * offered; no camera track stays live; and no image bytes reach the data folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFakeCameraVideos } from '../../scripts/face/make-fake-camera.js';
import { press, screenshot, startJourneyRig, swipe, waitForScreen, type JourneyRig } from './journey-helpers.js';

const videos = makeFakeCameraVideos(mkdtempSync(path.join(tmpdir(), 'kiosk-fake-camera-')));
const overrides = { face: { matcher: 'central', timeoutMs: 240_000, requiredForMatters: ['social-insurance-proof'] } };

/** Files under dir holding JPEG bytes or base64 JPEG. */
function filesWithImages(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) found.push(...filesWithImages(file));
    else {
      const bytes = readFileSync(file);
      if (bytes.includes(Buffer.from([0xff, 0xd8, 0xff])) || bytes.includes(Buffer.from('/9j/'))) found.push(file);
    }
  }
  return found;
}

async function toFaceStep(rig: JourneyRig, card: string): Promise<void> {
  const { page } = rig;
  await swipe(rig, card);
  await press(page, 'go-matters');
  await press(page, 'category-社保');
  await press(page, 'matter-social-insurance-proof');
  await press(page, 'matter-start');
  await waitForScreen(page, 'data-check');
  await expect.poll(() => page.getByTestId('check-social-insurance').getAttribute('data-status'), { timeout: 15_000 }).toBe('confirmed');
  await press(page, 'check-continue');
  await press(page, 'submit-application');
  await waitForScreen(page, 'face');
  await page.getByTestId('screen-face-consent').waitFor();
  await screenshot(page, 'face-consent');
  await press(page, 'face-agree');
}

const cameraTracks = (rig: JourneyRig) => rig.page.evaluate(() => document.documentElement.dataset.cameraTracks ?? '0');

describe('the face step in Chromium with a fake camera', () => {
  afterAll(() => rmSync(path.dirname(videos.rightFace), { recursive: true, force: true }));

  it('the right face passes, the application is submitted, and the camera is released', async () => {
    const rig = await startJourneyRig(overrides, {}, { fakeCameraFile: videos.rightFace });
    try {
      await toFaceStep(rig, 'resident-5');
      await waitForScreen(rig.page, 'receipt', 300_000);
      expect(await cameraTracks(rig)).toBe('0');
      expect((await rig.t.kiosk.core.getStatus()).session?.faceVerified).toBe(true);
      await press(rig.page, 'receipt-done');
      await press(rig.page, 'rate-5');
      await waitForScreen(rig.page, 'attract');
      expect(await cameraTracks(rig)).toBe('0');
      expect(filesWithImages(rig.t.dataDir)).toEqual([]);
    } finally {
      await rig.close();
    }
  });

  it('a wrong face is refused with a plain message and the card offered; no device held after', async () => {
    const rig = await startJourneyRig(overrides, {}, { fakeCameraFile: videos.wrongFace });
    try {
      await toFaceStep(rig, 'resident-6');
      await rig.page.getByTestId('screen-face-result').waitFor({ timeout: 300_000 });
      expect(await rig.page.getByTestId('screen-face-result').getAttribute('data-result')).toBe('no-match');
      expect(await rig.page.locator('h2').textContent()).toBe('未能确认是您本人');
      expect(await rig.page.getByTestId('face-card-offer').textContent()).toContain('身份证');
      await screenshot(rig.page, 'face-refused');
      expect(await cameraTracks(rig)).toBe('0');
      expect((await rig.t.kiosk.core.getStatus()).session?.faceVerified).toBe(false);
      await press(rig.page, 'face-leave');
      await waitForScreen(rig.page, 'citizen-home');
      expect(await cameraTracks(rig)).toBe('0');
      expect(filesWithImages(rig.t.dataDir)).toEqual([]);
    } finally {
      await rig.close();
    }
  });
}, 900_000);
