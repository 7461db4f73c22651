import type { AxiosInstance, AxiosResponse } from 'axios';

/** A company, as people records embed it. */
export interface Company {
  id: string;
  name: string;
  domain?: string;
  industry?: string;
  employee_count?: number;
  country?: string;
}

/** One job of a person; `ended_at: null` is the current one. */
export interface Job {
  title: string;
  level?: string;
  function?: string;
  location?: string;
  started_at?: string;
  ended_at: string | null;
  company: Company;
}

/** A person record from the people endpoints. */
export interface Person {
  id: string;
  name: string;
  location?: string;
  position?: string | null;
  jobs: Job[];
}

/** Credits reported by `X-LDT-Credits-Used` / `X-LDT-Credits-Remaining` (absent: unlimited). */
export interface Credits {
  used?: number;
  remaining?: number;
}

/** What `runFind` and `runSearch` return. */
export interface PeopleResult {
  people: Person[];
  /** Total matches the API reported (search only; may exceed `people.length`). */
  count?: number;
  credits: Credits;
}

function numberHeader(response: AxiosResponse, name: string): number | undefined {
  const raw = response.headers[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** POSTs `body` to a people endpoint and reads the people and the credit headers. */
export async function postPeople(
  api: AxiosInstance,
  path: string,
  body: unknown,
): Promise<PeopleResult> {
  const response = await api.post<{ people?: Person[]; count?: number }>(path, body);
  const credits: Credits = {};
  const used = numberHeader(response, 'x-ldt-credits-used');
  const remaining = numberHeader(response, 'x-ldt-credits-remaining');
  if (used !== undefined) credits.used = used;
  if (remaining !== undefined) credits.remaining = remaining;
  const result: PeopleResult = { people: response.data.people ?? [], credits };
  if (typeof response.data.count === 'number') result.count = response.data.count;
  return result;
}
