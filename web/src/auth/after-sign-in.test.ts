import { describe, expect, it } from 'vitest';
import { nextPath } from './after-sign-in.ts';

describe('nextPath', () => {
  it('goes back to the page that asked', () => expect(nextPath({ from: '/programs/x/sessions' }, '', 'trainer')).toBe('/programs/x/sessions'));
  it('takes ?next= from the trainer app', () => expect(nextPath(null, '?next=/trainer', 'admin')).toBe('/trainer'));
  it('refuses other sites and the sign-in page itself', () => {
    expect(nextPath({ from: '//evil.example' }, '?next=https://evil.example', 'admin')).toBe('/programs');
    expect(nextPath({ from: '/login' }, '', 'viewer')).toBe('/programs');
  });
  it("defaults to the role's home", () => {
    expect(nextPath(null, '', 'trainer')).toBe('/trainer');
    expect(nextPath(undefined, '', 'program_manager')).toBe('/programs');
  });
});
