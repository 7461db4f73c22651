import { type Authentication, authorize } from './auth.js';
import type { PeopleDataset } from './dataset.js';
import { type Exchange, readJsonObject, sendError, sendJson } from './http-helpers.js';
import type { RouteMatch } from './router.js';

/** Contact states a ledger tracks. */
const statuses = ['active', 'job_change', 'left_company', 'promoted'] as const;

/**
 * `POST /ledgers/v1/{org}/{ledger}/contacts/search`: customer-specific data, so it needs a
 * session token; an API key answers 403. Each ledger id selects its own stable subset of
 * the people dataset.
 */
export function handleLedgerContacts(
  ex: Exchange,
  match: RouteMatch,
  auth: Authentication,
  dataset: PeopleDataset,
): void {
  const orgId = match.orgId ?? '';
  if (!authorize(ex, auth, orgId, { sessionOnly: true })) return;
  const body = readJsonObject(ex, { allowEmpty: true });
  if (!body) return;
  const size = body.size ?? 25;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 100) {
    sendError(ex, 400, 'bad_request', 'size must be an integer from 1 to 100.');
    return;
  }
  const salt = hash(`${orgId}/${match.ledgerId ?? ''}`);
  const members = dataset.people.filter((_, index) => (index + salt) % 5 === 0);
  const contacts = members.slice(0, size).map((person, index) => {
    const current = person.jobs.find((job) => job.ended_at === null);
    return {
      id: `lc_${person.id.slice(2)}`,
      person_id: person.id,
      name: person.name,
      email: dataset.emailOf(person),
      title: person.position,
      company: current?.company.name ?? null,
      status: statuses[(index + salt) % statuses.length],
    };
  });
  sendJson(ex, 200, { ledger_id: match.ledgerId, contacts, count: members.length });
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
