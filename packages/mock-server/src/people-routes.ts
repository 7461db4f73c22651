import { type Authentication, authorize } from './auth.js';
import type { CreditLedger } from './credits.js';
import type { PeopleDataset, Person } from './dataset.js';
import { findPeople, parseMatches } from './find-matches.js';
import { type Exchange, readJsonObject, sendError, sendJson } from './http-helpers.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import type { RouteMatch } from './router.js';
import { matchesFilters, parseFilters } from './search-filters.js';

/** What the people routes need from the server. */
export interface PeopleContext {
  dataset: PeopleDataset;
  credits: CreditLedger;
}

/** Largest `size` a find or search accepts. */
export const MAX_PAGE_SIZE = 100;

/**
 * `find`, `search`, their free `/preview` variants and `person/{id}`. Paid answers cost
 * one credit per person returned and carry the credit headers; a spent quota answers 402.
 */
export function handlePeople(
  ex: Exchange,
  match: RouteMatch,
  auth: Authentication,
  ctx: PeopleContext,
): void {
  const orgId = match.orgId ?? '';
  if (!authorize(ex, auth, orgId)) return;
  const preview = match.route === 'people.findPreview' || match.route === 'people.searchPreview';
  if (!preview && ctx.credits.isSpent(orgId)) {
    sendError(ex, 402, 'quota_exceeded', `Organization ${orgId} has no credits left.`, {
      'X-LDT-Credits-Used': '0',
      'X-LDT-Credits-Remaining': '0',
    });
    return;
  }

  const answer = answerFor(ex, match, ctx);
  if (!answer) return;
  let people = answer.people;
  let used = 0;
  if (!preview) {
    people = people.slice(0, ctx.credits.affordable(orgId, people.length));
    used = ctx.credits.charge(orgId, people.length).used;
  }
  const headers: Record<string, string> = { 'X-LDT-Credits-Used': String(used) };
  const remaining = ctx.credits.remaining(orgId);
  if (remaining !== undefined) headers['X-LDT-Credits-Remaining'] = String(remaining);

  if (match.route === 'people.person') {
    sendJson(ex, 200, people[0], headers);
    return;
  }
  const shaped = preview ? people.map(previewOf) : people;
  const body: Record<string, unknown> = { people: shaped, count: answer.count ?? shaped.length };
  if ('nextToken' in answer) body.pagination_token = answer.nextToken ?? null;
  sendJson(ex, 200, body, headers);
}

interface Answer {
  people: Person[];
  count?: number;
  nextToken?: string | undefined;
}

/** Computes the people a request asks for, or answers 400/404 and returns `undefined`. */
function answerFor(ex: Exchange, match: RouteMatch, ctx: PeopleContext): Answer | undefined {
  if (match.route === 'people.person') {
    const person = ctx.dataset.byId(match.personId ?? '');
    if (!person) {
      sendError(ex, 404, 'not_found', 'No person has this id.');
      return undefined;
    }
    return { people: [person] };
  }
  const body = readJsonObject(ex);
  if (!body) return undefined;
  const size = readSize(body.size, match.route.startsWith('people.find') ? 1 : 10);
  if (size === undefined) {
    sendError(ex, 400, 'bad_request', `size must be an integer from 1 to ${MAX_PAGE_SIZE}.`);
    return undefined;
  }
  if (match.route.startsWith('people.find')) {
    const matches = parseMatches(body.matches);
    if (typeof matches === 'string') {
      sendError(ex, 400, 'bad_request', matches);
      return undefined;
    }
    return { people: matches.flatMap((m) => findPeople(ctx.dataset, m, size)) };
  }
  const filters = parseFilters(body.filters);
  if (typeof filters === 'string') {
    sendError(ex, 400, 'bad_request', filters);
    return undefined;
  }
  const offset = decodePageToken(body.pagination_token);
  if (offset === undefined) {
    sendError(ex, 400, 'bad_request', 'pagination_token is not one this server issued.');
    return undefined;
  }
  const all = ctx.dataset.people.filter((person) => matchesFilters(person, filters));
  const end = offset + size;
  return {
    people: all.slice(offset, end),
    count: all.length,
    nextToken: end < all.length ? encodePageToken(end) : undefined,
  };
}

function readSize(value: unknown, fallback: number): number | undefined {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
  return value >= 1 && value <= MAX_PAGE_SIZE ? value : undefined;
}

/** Previews are free and show less: no LinkedIn URL and no job history. */
function previewOf(person: Person): Record<string, unknown> {
  const current = person.jobs.find((job) => job.ended_at === null);
  return {
    id: person.id,
    name: person.name,
    first_name: person.first_name,
    last_name: person.last_name,
    location: person.location,
    position: person.position,
    company: current ? current.company.name : null,
  };
}
