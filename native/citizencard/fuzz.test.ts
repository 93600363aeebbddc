/** Whatever a card or reader answers, the reader ends in a result or a CitizenCardError. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseResponse } from './apdu.js';
import { CitizenCardError } from './errors.js';
import { readSocialSecurityCard } from './social-security.js';
import { parseTlv, TlvError } from './tlv.js';

describe('fuzzed card answers', () => {
  it('never lets an unexpected exception escape the card reader', async () => {
    const statusWords = fc.constantFrom([0x90, 0x00], [0x61, 0x05], [0x6c, 0x12], [0x6a, 0x82], [0x6a, 0x83], [0x62, 0x83], [0x6d, 0x00]);
    const answer = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.tuple(fc.uint8Array({ maxLength: 40 }), statusWords).map(([d, sw]) => Uint8Array.from([...d, ...sw])),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 60 }), async (answers) => {
        let i = 0;
        const transport = { transmit: async () => answers[i++ % answers.length] as Uint8Array };
        try {
          const card = await readSocialSecurityCard(transport);
          expect(typeof card.idNumber).toBe('string');
        } catch (err) {
          expect(err).toBeInstanceOf(CitizenCardError);
        }
      }),
      { numRuns: 400 },
    );
  });
  it('TLV and response parsing throw only their own typed errors', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseTlv(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(TlvError);
        }
        if (bytes.length >= 2) expect(parseResponse(bytes).data.length).toBe(bytes.length - 2);
      }),
    );
  });
});
