import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/server/messages.ts';
import { en } from '../i18n/locales/en.ts';
import { id } from '../i18n/locales/id.ts';
import { editChanges, editProblems, nibProblem } from './edit-rules.ts';
import type { KnownValues } from './offline/edit-record.ts';

const known: KnownValues = { ownerName: 'Maria Goreti', businessName: 'Tenun Ikat Maria', phone: '+6281234567890', gender: 'female' };
const blank = { nik: '', email: '', sector: '', nib: '', address: '', regency: '' };

describe('participant edit rules', () => {
  it('sends only what changed: known fields when they differ, the others when filled in', () => {
    expect(editChanges({ ...known, ...blank }, known)).toEqual({});
    expect(editChanges({ ...known, ...blank, ownerName: ' Maria Goreti Nona ', phone: '0812-1111-2222', email: 'maria@contoh.id' }, known)).toEqual({
      ownerName: 'Maria Goreti Nona',
      phone: '0812-1111-2222',
      email: 'maria@contoh.id',
    });
    // A known field emptied is cleared; gender back to none too.
    expect(editChanges({ ...known, ...blank, phone: '', gender: '' }, known)).toEqual({ phone: '', gender: '' });
  });

  it('checks the registry rules on the changed fields', () => {
    expect(editProblems({ phone: '0812-1111-2222' }, known, false)).toEqual({});
    expect(editProblems({ ownerName: ' ', businessName: '' }, known, false)).toEqual({ ownerName: 'required', businessName: 'required' });
    expect(editProblems({ phone: '021-555', nik: '123', nib: '12' }, known, false)).toEqual({ phone: 'phone_invalid', nik: 'nik_invalid', nib: 'nib_invalid' });
    expect(editProblems({ phone: '' }, known, false)).toEqual({ phone: 'no_identity' });
    // The server holds a NIK (masked on the roster), or one is typed: the phone may go.
    expect(editProblems({ phone: '' }, known, true)).toEqual({});
    expect(editProblems({ phone: '', nik: '5315014506880002' }, known, false)).toEqual({});
  });

  it.each([
    ['1234567890123', null],
    ['1234-5678-90123', null],
    ['', null],
    ['123456789012', 'nib_invalid'],
    ['12345678901AB', 'nib_invalid'],
  ])('NIB %j → %s', (nib, problem) => expect(nibProblem(nib)).toBe(problem));

  it("shows the registry's own messages (src/server/messages.ts) on the device", () => {
    for (const [locale, server] of [[id, messages.id], [en, messages.en]] as const) {
      for (const problem of ['nik_invalid', 'phone_invalid', 'nib_invalid', 'no_identity'] as const) {
        expect(locale.trainer.edit.problems[problem]).toBe(server.errors.participant[problem]);
      }
    }
  });
});
