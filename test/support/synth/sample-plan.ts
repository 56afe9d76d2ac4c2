/**
 * Which page each sample of a generated set shows: a fixed template, or a seeded mix over Pleno's
 * KWK forms (1–6 paslon, both pages) and every other shipped template the generator can fill.
 */
import { allTemplates } from '../../../main/recognition/templates/loader.ts';
import { templateFamily } from './blank-pages.ts';
import type { SampleSpec } from './generate-sample.ts';
import { Rng } from './rng.ts';

/** Template ids the default mix draws from. Non-KWK shipped templates join when they load. */
export function defaultTemplateMix(): string[] {
  const ids: string[] = [];
  for (let n = 1; n <= 6; n++) for (const p of [1, 2]) ids.push(`pleno-kwk-${n}paslon-hal${p}`);
  let shipped: string[] = [];
  try {
    shipped = allTemplates().map((t) => t.id);
  } catch {
    // A template being edited that does not validate: generate from the KWK forms only.
  }
  for (const id of shipped) {
    if (ids.includes(id)) continue;
    try {
      templateFamily({ id });
      ids.push(id);
    } catch {
      // A form family the generator does not know how to fill.
    }
  }
  return ids;
}

/**
 * The spec of sample `index` in a set generated with `seed`. The form family is drawn first (so the
 * twelve KWK variants do not crowd out the official plano and NETGRIT), then a page within it.
 */
export function planSample(seed: number | string, index: number, templates: readonly string[], options: SampleSpec['options'] = {}): SampleSpec {
  const s = `${seed}/${index}`;
  const byFamily = new Map<string, string[]>();
  for (const id of templates) byFamily.set(templateFamily({ id }), [...(byFamily.get(templateFamily({ id })) ?? []), id]);
  const pick = new Rng(s).fork('template');
  const family = pick.pick([...byFamily.keys()].sort());
  const templateId = pick.pick(byFamily.get(family)!);
  return { templateId, seed: s, options };
}
