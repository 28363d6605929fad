import { describe, expect, it } from 'vitest';
import { en } from './locales/en.ts';
import { id } from './locales/id.ts';

type Tree = { [key: string]: string | Tree };

/** `{ a: { b: 'x' } }` → `[['a.b', 'x']]`. */
function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`)));
}

const resources = { id: flatten(id), en: flatten(en) };

describe('web locales', () => {
  it('id and en have exactly the same keys', () => {
    const idKeys = resources.id.map(([key]) => key).sort();
    const enKeys = resources.en.map(([key]) => key).sort();
    expect(enKeys.filter((key) => !idKeys.includes(key))).toEqual([]);
    expect(idKeys.filter((key) => !enKeys.includes(key))).toEqual([]);
  });

  it.each(Object.entries(resources))('%s has no empty values', (_language, entries) => {
    expect(entries.filter(([, value]) => value.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it.each(Object.entries(resources))('%s uses the same interpolation variables as id', (language, entries) => {
    const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const idByKey = new Map(resources.id);
    const mismatched = entries.filter(([key, value]) => JSON.stringify(variables(value)) !== JSON.stringify(variables(idByKey.get(key) ?? ''))).map(([key]) => key);
    expect(mismatched, language).toEqual([]);
  });
});
