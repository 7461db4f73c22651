import { toLiveDataApiError } from '@livedata/axios';
import { LiveDataAuthError } from '@livedata/core';
import type { AxiosError } from 'axios';
import { UsageError } from './config.js';
import type { Credits, PeopleResult, Person } from './people.js';

function currentJob(person: Person) {
  return person.jobs.find((job) => job.ended_at === null) ?? person.jobs[0];
}

/** People as a plain-text table: name, title, company, location. */
export function formatPeople(people: readonly Person[]): string {
  if (people.length === 0) return 'No people found.';
  const header = ['Name', 'Title', 'Company', 'Location'];
  const rows = people.map((person) => {
    const job = currentJob(person);
    return [person.name, job?.title ?? '', job?.company.name ?? '', person.location ?? ''];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The credits line, e.g. `Credits: 1 used, 999 remaining.` */
export function formatCredits(credits: Credits): string {
  const used = credits.used === undefined ? 'unknown' : String(credits.used);
  const remaining = credits.remaining === undefined ? 'unlimited' : String(credits.remaining);
  return `Credits: ${used} used, ${remaining} remaining.`;
}

/** A whole command result: a count line, the table and the credits. */
export function formatResult(result: PeopleResult): string {
  const shown = result.people.length;
  const total = result.count !== undefined && result.count > shown ? ` (of ${result.count})` : '';
  const noun = shown === 1 ? 'person' : 'people';
  return [
    `${shown} ${noun}${total}:`,
    formatPeople(result.people),
    formatCredits(result.credits),
  ].join('\n');
}

/**
 * A one-paragraph, token-free explanation of why a command failed and what to do next:
 * 402 quota, 403 role, 401 credentials, sign-in and configuration problems, unreachable API.
 */
export function describeError(error: unknown, orgId: string): string {
  if (error instanceof UsageError) return error.message;
  const apiError = toLiveDataApiError(error);
  if (apiError) {
    switch (apiError.code) {
      case 'quota_exceeded':
        return `Out of credits (402): organization ${orgId} has no credits left. Add credits or wait for the quota to reset.`;
      case 'forbidden':
        return `Not allowed (403): these credentials have no role (viewer, editor or admin) on organization ${orgId}. Check LIVEDATA_ORG_ID or --org.`;
      case 'unauthorized':
        return 'Unauthorized (401): the API rejected the credentials even after a fresh sign-in. Check that they are valid; API keys work on people and company endpoints only.';
      default:
        return apiError.message;
    }
  }
  if (error instanceof LiveDataAuthError) {
    if (error.code === 'invalid_credentials') {
      return `Sign-in failed: the identity endpoint rejected the credentials. Check LIVEDATA_CLIENT_ID and LIVEDATA_CLIENT_SECRET (or LIVEDATA_USERNAME and LIVEDATA_PASSWORD, or LIVEDATA_API_KEY).`;
    }
    if (error.code === 'config') return `Configuration problem: ${error.message}`;
    return `Could not get a token (${error.code}): ${error.message}`;
  }
  const axiosError = error as Partial<AxiosError>;
  if (axiosError.isAxiosError) {
    return `Could not reach the Live Data API (${axiosError.code ?? 'network error'}): ${axiosError.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
