import { describe, expect, it } from 'vitest';
import { PeopleDataset } from '../dataset.js';
import { DEMO_ORG_ID, DEMO_PERSON_EMAIL, demoCredentials } from '../seed.js';
import { startMockServer } from '../server.js';
import { bearer, postJson } from './helpers.js';

const levels = ['Entry Level', 'Senior Staff', 'Manager', 'Director', 'VP', 'C-Team'];

describe('generated people', () => {
  it('is the same for the same seed and different for another seed', () => {
    expect(new PeopleDataset(7, 200).people).toEqual(new PeopleDataset(7, 200).people);
    expect(new PeopleDataset(8, 200).people).not.toEqual(new PeopleDataset(7, 200).people);
  });

  it('has unique ids and realistic jobs, most recent first', () => {
    const { people } = new PeopleDataset(1, 500);
    expect(new Set(people.map((p) => p.id)).size).toBe(500);
    for (const person of people) {
      expect(person.name).toBe(`${person.first_name} ${person.last_name}`);
      expect(person.jobs.length).toBeGreaterThan(0);
      const current = person.jobs.filter((j) => j.ended_at === null);
      expect(current.length).toBe(person.employment_status === 'employed' ? 1 : 0);
      for (const job of person.jobs) {
        expect(levels).toContain(job.level);
        expect(job.company.domain).toMatch(/\.example$/);
        if (job.ended_at) expect(job.ended_at >= job.started_at).toBe(true);
      }
      const starts = person.jobs.map((j) => j.started_at);
      expect(starts).toEqual([...starts].sort().reverse());
    }
  });

  it('gives the demo person the demo email whatever the seed', () => {
    for (const seed of [1, 2, 99]) {
      const data = new PeopleDataset(seed, 10);
      const demo = data.people[0];
      expect(demo && data.emailOf(demo)).toBe(DEMO_PERSON_EMAIL);
    }
  });
});

describe('dataset over HTTP', () => {
  it('serves the same people for the same seed option, others for another seed', async () => {
    const servers = await Promise.all([7, 7, 8].map((seed) => startMockServer({ seed })));
    try {
      const pages = await Promise.all(
        servers.map(async (api) => {
          const url = `${api.url}/people/v1/${DEMO_ORG_ID}/search/preview`;
          const res = await postJson(url, { size: 20 }, bearer(demoCredentials.apiKey));
          return res.json();
        }),
      );
      expect(pages[0]).toEqual(pages[1]);
      expect(pages[2]).not.toEqual(pages[0]);
    } finally {
      await Promise.all(servers.map((api) => api.close()));
    }
  });
});
