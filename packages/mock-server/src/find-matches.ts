import type { PeopleDataset, Person } from './dataset.js';
import { slug } from './dataset.js';
import { isObject } from './http-helpers.js';

/** Fields a `find` match may use. */
export const FIND_FIELDS = ['email_address', 'linkedin', 'name', 'first_name', 'last_name', 'id'];

/** One match of a find body: every field must agree. */
export type FindMatch = { field: string; term: string }[];

/** Parses `{"matches":[{"fields":[{"field_name","search_term"}]}]}`; an error message if invalid. */
export function parseMatches(value: unknown): FindMatch[] | string {
  if (!Array.isArray(value) || value.length === 0) return 'matches must be a non-empty array';
  if (value.length > 100) return 'at most 100 matches per request';
  const matches: FindMatch[] = [];
  for (const [index, match] of value.entries()) {
    const fields = isObject(match) ? match.fields : undefined;
    if (!Array.isArray(fields) || fields.length === 0) {
      return `matches[${index}].fields must be a non-empty array`;
    }
    const parsed: FindMatch = [];
    for (const field of fields) {
      if (!isObject(field)) return `matches[${index}].fields must hold objects`;
      const { field_name: name, search_term: term } = field;
      if (typeof name !== 'string' || !FIND_FIELDS.includes(name)) {
        return `field_name must be one of ${FIND_FIELDS.join(', ')}`;
      }
      if (typeof term !== 'string' || term.trim() === '') return 'search_term must be a string';
      parsed.push({ field: name, term });
    }
    matches.push(parsed);
  }
  return matches;
}

/** People matching one match, best first, at most `size`. */
export function findPeople(dataset: PeopleDataset, match: FindMatch, size: number): Person[] {
  const hits: Person[] = [];
  for (const person of dataset.people) {
    if (match.every(({ field, term }) => fieldMatches(dataset, person, field, term))) {
      hits.push(person);
      if (hits.length >= size) break;
    }
  }
  return hits;
}

function fieldMatches(dataset: PeopleDataset, person: Person, field: string, term: string) {
  const wanted = term.trim().toLowerCase();
  switch (field) {
    case 'email_address':
      return dataset.emailOf(person) === wanted;
    case 'linkedin':
      return normalizeLinkedin(person.linkedin) === normalizeLinkedin(wanted);
    case 'name':
      return person.name.toLowerCase() === wanted || slug(person.name) === slug(wanted);
    case 'first_name':
      return person.first_name.toLowerCase() === wanted;
    case 'last_name':
      return person.last_name.toLowerCase() === wanted;
    default:
      return person.id === term.trim();
  }
}

/** `https://www.linkedin.com/in/x/` and `linkedin.com/in/x` are the same profile. */
function normalizeLinkedin(url: string): string {
  return url
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}
