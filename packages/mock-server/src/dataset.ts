import {
  companyStems,
  companySuffixes,
  firstNames,
  industries,
  jobFunctions,
  jobLevels,
  lastNames,
  places,
} from './dataset-words.js';
import { SeededRandom } from './random.js';
import { DEMO_PERSON_EMAIL } from './seed.js';

/** A company as people records embed it. */
export interface Company {
  id: string;
  name: string;
  domain: string;
  industry: string;
  employee_count: number;
  country: string;
}

/** One job of a person; `ended_at` is `null` for the current job. */
export interface Job {
  title: string;
  level: string;
  function: string;
  location: string;
  started_at: string;
  ended_at: string | null;
  company: Company;
}

/** A person record, with the fields the Live Data API returns. */
export interface Person {
  id: string;
  name: string;
  first_name: string;
  last_name: string;
  linkedin: string;
  location: string;
  employment_status: 'employed' | 'unemployed';
  position: string | null;
  jobs: Job[];
}

/** The generated people, with the lookups the routes need. */
export class PeopleDataset {
  readonly people: readonly Person[];
  readonly #byId = new Map<string, Person>();
  readonly #emails = new Map<Person, string>();

  constructor(seed: number, count: number) {
    const random = new SeededRandom(seed);
    const companies = generateCompanies(random);
    const used = new Set<string>();
    const people: Person[] = [];
    for (let i = 0; i < count; i++) {
      const person = generatePerson(random, companies, i === 0);
      const email = i === 0 ? DEMO_PERSON_EMAIL : uniqueEmail(person, used);
      used.add(email);
      people.push(person);
      this.#byId.set(person.id, person);
      this.#emails.set(person, email);
    }
    this.people = people;
  }

  byId(id: string): Person | undefined {
    return this.#byId.get(id);
  }

  /** The person's work email (kept internal: records do not carry it). */
  emailOf(person: Person): string {
    return this.#emails.get(person) ?? '';
  }
}

function generateCompanies(random: SeededRandom): Company[] {
  const companies: Company[] = [];
  const names = new Set<string>();
  while (companies.length < 40) {
    const stem = random.pick(companyStems);
    const suffix = random.pick(companySuffixes);
    const name = `${stem} ${suffix}`;
    if (names.has(name)) continue;
    names.add(name);
    companies.push({
      id: `c_${random.hex(8)}`,
      name,
      domain: `${slug(stem)}${slug(suffix)}.example`,
      industry: random.pick(industries),
      employee_count: random.pick([12, 45, 180, 650, 2400, 11000, 52000]) + random.int(0, 9),
      country: random.pick(places).country,
    });
  }
  return companies;
}

function generatePerson(random: SeededRandom, companies: Company[], isDemo: boolean): Person {
  const firstName = isDemo ? 'Dana' : random.pick(firstNames);
  const lastName = isDemo ? 'Whitfield' : random.pick(lastNames);
  const place = random.pick(places);
  const location = `${place.city}, ${place.region}, ${place.country}`;
  const fn = random.pick(jobFunctions);
  const employed = isDemo || !random.chance(0.06);
  const jobCount = random.int(1, 4);
  let levelIndex = random.int(0, 2);
  // Months since year 0; careers start 2004-2019 and nothing ends after October 2025.
  let month = random.int(2004 * 12, 2019 * 12);
  const lastMonth = 2025 * 12 + 9;
  const jobs: Job[] = [];
  for (let j = 0; j < jobCount; j++) {
    const last = j === jobCount - 1;
    const startedAt = isoMonth(month);
    month = Math.min(month + random.int(8, 48), lastMonth);
    const company = random.pick(companies);
    jobs.push({
      title: titleFor(fn, levelIndex),
      level: jobLevels[levelIndex] ?? 'Entry Level',
      function: fn.name,
      location: random.chance(0.8) ? location : `${random.pick(places).city}`,
      started_at: startedAt,
      ended_at: last && employed ? null : isoMonth(month),
      company,
    });
    if (random.chance(0.45)) levelIndex = Math.min(levelIndex + 1, jobLevels.length - 1);
  }
  jobs.reverse(); // most recent first, as the API lists them
  return {
    id: `p_${random.hex(12)}`,
    name: `${firstName} ${lastName}`,
    first_name: firstName,
    last_name: lastName,
    linkedin: `linkedin.com/in/${slug(firstName)}-${slug(lastName)}-${random.hex(6)}`,
    location,
    employment_status: employed ? 'employed' : 'unemployed',
    position: employed ? (jobs[0]?.title ?? null) : null,
    jobs,
  };
}

function titleFor(fn: (typeof jobFunctions)[number], levelIndex: number): string {
  switch (jobLevels[levelIndex]) {
    case 'Senior Staff':
      return `Senior ${fn.role}`;
    case 'Manager':
      return `${fn.name} Manager`;
    case 'Director':
      return `Director of ${fn.name}`;
    case 'VP':
      return `VP of ${fn.name}`;
    case 'C-Team':
      return fn.chief;
    default:
      return fn.role;
  }
}

function uniqueEmail(person: Person, used: Set<string>): string {
  const domain = person.jobs.find((j) => j.ended_at === null)?.company.domain ?? 'mail.example';
  const local = `${slug(person.first_name)}.${slug(person.last_name)}`;
  let email = `${local}@${domain}`;
  for (let n = 2; used.has(email); n++) email = `${local}${n}@${domain}`;
  return email;
}

function isoMonth(monthsSinceYearZero: number): string {
  const year = Math.floor(monthsSinceYearZero / 12);
  const month = (monthsSinceYearZero % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** Lowercase ASCII letters and digits only: `Müller` → `muller`. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
