import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../dataset.js';
import { DEMO_ORG_ID, DEMO_PERSON_EMAIL, demoCredentials, QUOTA_SPENT_ORG_ID } from '../seed.js';
import { startMockServer } from '../server.js';
import type { MockServer } from '../types.js';
import { bearer, findByEmail, postJson } from './helpers.js';

interface PeoplePage {
  people: Person[];
  count: number;
  pagination_token?: string | null;
}

let api: MockServer;
const key = bearer(demoCredentials.apiKey);
beforeEach(async () => {
  api = await startMockServer();
});
afterEach(async () => {
  await api.close();
});

const people = (route: string, body: unknown, org = DEMO_ORG_ID) =>
  postJson(`${api.url}/people/v1/${org}/${route}`, body, key);
const search = async (body: unknown): Promise<PeoplePage> => {
  const res = await people('search', body);
  expect(res.status).toBe(200);
  return (await res.json()) as PeoplePage;
};
const where = (field: string, extra: Record<string, unknown>) => ({
  filters: [{ operator: 'and', filters: [{ field, type: 'must', ...extra }] }],
  size: 100,
});

describe('find', () => {
  it('finds the demo person by email, with the fields of a person record', async () => {
    const res = await people('find', findByEmail(DEMO_PERSON_EMAIL));
    expect(res.status).toBe(200);
    const body = (await res.json()) as PeoplePage;
    expect(body.count).toBe(1);
    const person = body.people[0];
    expect(person?.name).toBe('Dana Whitfield');
    expect(Object.keys(person ?? {}).sort()).toEqual(
      [
        'employment_status',
        'first_name',
        'id',
        'jobs',
        'last_name',
        'linkedin',
        'location',
        'name',
        'position',
      ].sort(),
    );
    const job = person?.jobs[0];
    expect(Object.keys(job?.company ?? {}).sort()).toEqual(
      ['country', 'domain', 'employee_count', 'id', 'industry', 'name'].sort(),
    );
  });

  it('finds by LinkedIn URL in any usual spelling, and by name', async () => {
    const demo = (
      (await (await people('find', findByEmail(DEMO_PERSON_EMAIL))).json()) as PeoplePage
    ).people[0] as Person;
    const byLinkedin = await people('find', {
      matches: [
        { fields: [{ field_name: 'linkedin', search_term: `https://www.${demo.linkedin}/` }] },
      ],
    });
    expect(((await byLinkedin.json()) as PeoplePage).people[0]?.id).toBe(demo.id);
    const byName = await people('find', {
      matches: [{ fields: [{ field_name: 'name', search_term: 'dana whitfield' }] }],
    });
    expect(((await byName.json()) as PeoplePage).people.map((p) => p.id)).toContain(demo.id);
  });

  it('answers an empty list for nobody, without charging', async () => {
    const res = await people('find', findByEmail('nobody@nowhere.example'));
    expect(await res.json()).toEqual({ people: [], count: 0 });
    expect(res.headers.get('x-ldt-credits-used')).toBe('0');
  });

  it('answers 400 to bodies that are not a find request', async () => {
    for (const body of [
      'not json',
      {},
      { matches: [] },
      { matches: [{ fields: [{ field_name: 'shoe_size', search_term: '9' }] }] },
    ]) {
      expect((await people('find', body)).status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('search', () => {
  it('filters on job level exactly, and must_not excludes', async () => {
    const vps = await search(where('jobs.level', { match_type: 'exact', string_values: ['VP'] }));
    expect(vps.count).toBeGreaterThan(0);
    for (const p of vps.people) expect(p.jobs.some((j) => j.level === 'VP')).toBe(true);

    const rest = await search(
      where('jobs.level', { type: 'must_not', match_type: 'exact', string_values: ['VP'] }),
    );
    for (const p of rest.people) expect(p.jobs.some((j) => j.level === 'VP')).toBe(false);
    const all = await search({});
    expect(vps.count + rest.count).toBe(all.count);
  });

  it('matches company names fuzzily and case-insensitively, and nests and/or groups', async () => {
    const any = await search({ size: 1 });
    const company = any.people[0]?.jobs[0]?.company.name ?? '';
    const stem = company.split(' ')[0]?.toLowerCase() ?? '';
    const fuzzy = await search(
      where('jobs.company.name', { match_type: 'fuzzy', string_values: [stem] }),
    );
    expect(fuzzy.count).toBeGreaterThan(0);
    for (const p of fuzzy.people) {
      expect(p.jobs.some((j) => j.company.name.toLowerCase().includes(stem))).toBe(true);
    }

    const either = await search({
      filters: [
        {
          operator: 'or',
          filters: [
            { field: 'jobs.level', match_type: 'exact', string_values: ['C-Team'] },
            { field: 'location', match_type: 'fuzzy', string_values: ['Berlin'] },
          ],
        },
      ],
      size: 100,
    });
    expect(either.count).toBeGreaterThan(0);
    for (const p of either.people) {
      expect(p.jobs.some((j) => j.level === 'C-Team') || p.location.includes('Berlin')).toBe(true);
    }
  });

  it('supports exists: unemployed people have no current position', async () => {
    const withPosition = await search(where('position', { match_type: 'exists' }));
    const without = await search(where('position', { type: 'must_not', match_type: 'exists' }));
    expect(without.count).toBeGreaterThan(0);
    for (const p of without.people) expect(p.employment_status).toBe('unemployed');
    expect(withPosition.count + without.count).toBe(500);
  });

  it('pages with pagination_token through every result exactly once', async () => {
    const query = where('jobs.function', { match_type: 'exact', string_values: ['Engineering'] });
    const seen: string[] = [];
    let token: string | null | undefined;
    let pages = 0;
    let total = 0;
    do {
      const page = await search({ ...query, size: 7, pagination_token: token ?? undefined });
      expect(page.people.length).toBeLessThanOrEqual(7);
      seen.push(...page.people.map((p) => p.id));
      total = page.count;
      token = page.pagination_token;
      pages += 1;
    } while (token && pages < 100);
    expect(token).toBeNull();
    expect(pages).toBe(Math.ceil(total / 7));
    expect(new Set(seen).size).toBe(total);
  });

  it('answers 400 to an unknown field, a bad operator, a bad size or a foreign token', async () => {
    const bodies = [
      where('shoe_size', { match_type: 'exact', string_values: ['9'] }),
      { filters: [{ operator: 'xor', filters: [] }] },
      { size: 0 },
      { size: 1000 },
      { pagination_token: 'not-ours' },
      [],
    ];
    for (const body of bodies) {
      expect((await people('search', body)).status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('person by id', () => {
  it('answers the person, or 404 for an unknown id', async () => {
    const first = (await search({ size: 1 })).people[0] as Person;
    const res = await fetch(`${api.url}/people/v1/${DEMO_ORG_ID}/person/${first.id}`, {
      headers: key,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(first);
    expect(res.headers.get('x-ldt-credits-used')).toBe('1');
    const missing = await fetch(`${api.url}/people/v1/${DEMO_ORG_ID}/person/p_ffffffffffff`, {
      headers: key,
    });
    expect(missing.status).toBe(404);
  });
});

describe('credits', () => {
  it('charges one credit per person and reports what is left', async () => {
    const first = await people('search', { size: 3 });
    expect(first.headers.get('x-ldt-credits-used')).toBe('3');
    expect(first.headers.get('x-ldt-credits-remaining')).toBe('997');
    const second = await people('find', findByEmail(DEMO_PERSON_EMAIL));
    expect(second.headers.get('x-ldt-credits-used')).toBe('1');
    expect(second.headers.get('x-ldt-credits-remaining')).toBe('996');
  });

  it('keeps previews free, with fewer fields', async () => {
    const preview = await people('search/preview', { size: 5 });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('x-ldt-credits-used')).toBe('0');
    expect(preview.headers.get('x-ldt-credits-remaining')).toBe('1000');
    const body = (await preview.json()) as { people: Record<string, unknown>[] };
    expect(body.people).toHaveLength(5);
    expect(body.people[0]).not.toHaveProperty('linkedin');
    expect(body.people[0]).not.toHaveProperty('jobs');
    const findPreview = await people('find/preview', findByEmail(DEMO_PERSON_EMAIL));
    expect(findPreview.headers.get('x-ldt-credits-used')).toBe('0');
    expect(((await findPreview.json()) as PeoplePage).count).toBe(1);
  });

  it('answers 402 on a spent quota, while previews still work', async () => {
    const spent = await people('find', findByEmail(DEMO_PERSON_EMAIL), QUOTA_SPENT_ORG_ID);
    expect(spent.status).toBe(402);
    expect(spent.headers.get('x-ldt-credits-remaining')).toBe('0');
    const preview = await people('search/preview', {}, QUOTA_SPENT_ORG_ID);
    expect(preview.status).toBe(200);
  });

  it('stops at the quota set with setCredits, then answers 402', async () => {
    api.setCredits(DEMO_ORG_ID, 2);
    const partial = await people('search', { size: 5 });
    expect(((await partial.json()) as PeoplePage).people).toHaveLength(2);
    expect(partial.headers.get('x-ldt-credits-remaining')).toBe('0');
    expect((await people('search', { size: 5 })).status).toBe(402);
    api.setCredits(DEMO_ORG_ID, undefined);
    expect((await people('search', { size: 5 })).status).toBe(200);
  });

  it('sends no remaining header for an unlimited organization', async () => {
    api.setCredits(DEMO_ORG_ID, undefined);
    const res = await people('search', { size: 2 });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ldt-credits-used')).toBe('2');
    expect(res.headers.has('x-ldt-credits-remaining')).toBe(false);
  });
});
