import { describe, expect, it } from 'vitest';
import { createCheckInToken } from '../../../src/core/signed-token.ts';
import { readCheckInCode } from './qr-token.ts';

const identity = { personId: '0b0e8d1c-3a55-4a4b-9d61-2f1e5c7a9b10', programmeId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479' };

describe('readCheckInCode', () => {
  it('reads the ids of a code signed by the server', () => {
    expect(readCheckInCode(createCheckInToken('a-secret-of-at-least-32-characters!!', identity))).toEqual(identity);
  });

  it.each(['', 'hello', 'https://example.com/x.y', 'AQ.sig', `${'A'.repeat(44)}`, 'not base64!.x'])('refuses %j', (text) => {
    expect(readCheckInCode(text)).toBeNull();
  });
});
