/** Debian's Chromium driven by playwright-core (no browser download: there is no internet). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export interface TestBrowserOptions {
  /** A Y4M/MJPEG file Chromium shows as the camera (scripts/face/make-fake-camera.ts), with the permission granted. */
  fakeCameraFile?: string;
}

export async function launchTestBrowser(viewport = { width: 1280, height: 800 }, options: TestBrowserOptions = {}): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-e2e-chromium-'));
  // A fresh profile per test file: no state leaks between journeys.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    locale: 'zh-CN',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      ...(options.fakeCameraFile
        ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${options.fakeCameraFile}`]
        : []),
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
      if (errors.length) throw new Error(`page errors during the test:\n${errors.join('\n')}`);
    },
  };
}

export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');
