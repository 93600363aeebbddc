import { describe, expect, it, vi } from 'vitest';
import { FaceDesk, FaceDeskError } from './face-desk.js';
import { CentralError } from '../sync/central-client.js';
import type { FaceVerifyRequest, FaceVerifyResponse } from '../../common/central-face.js';

const FRAME = `/9j/${'A'.repeat(2000)}`;
const subject = { idHash: 'a'.repeat(64) };

function desk(answer: () => Promise<FaceVerifyResponse>, open = new Set(['s1'])) {
  const sent: FaceVerifyRequest[] = [];
  const verified: string[] = [];
  const logs: string[] = [];
  const audits: string[] = [];
  const central = {
    verifyFace: vi.fn(async (request: FaceVerifyRequest) => {
      sent.push(request);
      return answer();
    }),
  };
  const d = new FaceDesk({
    central,
    matcher: 'central',
    timeoutMs: 1000,
    markFaceVerified: (id) => {
      if (!open.has(id)) return false;
      verified.push(id);
      return true;
    },
    audit: (_subject, outcome) => audits.push(outcome),
    log: (m) => logs.push(m),
  });
  return { d, sent, verified, logs, audits, central };
}

describe('the face desk (刷脸)', () => {
  it('sends the frames with the session subject and marks the session on a match', async () => {
    const { d, sent, verified, audits } = desk(async () => ({ result: 'match', score: 0.1 }));
    expect(await d.verify([FRAME], { sessionId: 's1', subject })).toEqual({ outcome: 'match' });
    expect(sent).toEqual([{ subject, frames: [FRAME] }]);
    expect(verified).toEqual(['s1']);
    expect(audits).toEqual(['match']);
  });

  it('marks nobody on no-match or no-face', async () => {
    for (const result of ['no-match', 'no-face'] as const) {
      const { d, verified } = desk(async () => ({ result }));
      expect(await d.verify([FRAME], { sessionId: 's1', subject })).toEqual({ outcome: result });
      expect(verified).toEqual([]);
    }
  });

  it('answers unavailable when the central cannot compare, and logs the kind only (never a frame)', async () => {
    const { d, logs, verified } = desk(async () => {
      throw new CentralError('timeout', 'central API POST /v1/identity/face-verify gave no answer', null, null);
    });
    expect(await d.verify([FRAME], { sessionId: 's1', subject })).toEqual({ outcome: 'unavailable' });
    expect(verified).toEqual([]);
    expect(logs).toEqual(['kiosk: face comparison unavailable (timeout)']);
    expect(logs.join('')).not.toContain('/9j/');
  });

  it('verifies nobody with a late match for a session that has ended', async () => {
    const { d, verified, audits } = desk(async () => ({ result: 'match' }), new Set());
    expect(await d.verify([FRAME], { sessionId: 's1', subject })).toEqual({ outcome: 'unavailable' });
    expect(verified).toEqual([]);
    expect(audits).toEqual(['unavailable']);
  });

  it('answers unavailable without a central link', async () => {
    const d = new FaceDesk({ central: null, matcher: 'central', timeoutMs: 1000, markFaceVerified: () => true });
    expect(await d.verify([FRAME], { sessionId: 's1', subject })).toEqual({ outcome: 'unavailable' });
  });

  it('refuses a matcher this build does not have', () => {
    expect(() => new FaceDesk({ central: null, matcher: 'vendor-x', timeoutMs: 1000, markFaceVerified: () => true })).toThrow(FaceDeskError);
  });
});
