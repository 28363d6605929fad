import { describe, expect, it } from 'vitest';
import { sniffImageType } from './image-type.ts';

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));

describe('image type sniffing', () => {
  it.each<[string, Uint8Array, string | null]>([
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF'), 'image/jpeg'],
    ['PNG', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), 'image/png'],
    ['WebP', bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 '), 'image/webp'],
    ['WAV (RIFF but not WebP)', bytes('RIFF', 0x24, 0, 0, 0, 'WAVEfmt '), null],
    ['PDF', bytes('%PDF-1.4\n'), null],
    ['GIF', bytes('GIF89a'), null],
    ['an HTML page named .jpg', bytes('<html><script>'), null],
    ['empty', bytes(), null],
    ['truncated JPEG', bytes(0xff, 0xd8), null],
  ])('%s', (_, input, expected) => {
    expect(sniffImageType(input)).toBe(expected);
  });
});
