import { LiveDataHttpService } from '@livedata/nestjs';
import { Inject, Injectable } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { EXAMPLE_SETTINGS, type ExampleSettings } from './example.config.js';

/** A person as the Live Data API returns it (the fields this service shows). */
export interface Person {
  id: string;
  name: string;
  position?: unknown;
  location?: unknown;
  linkedin?: string;
  [field: string]: unknown;
}

/** The answer of `GET /people`. */
export interface PersonLookup {
  person: Person;
  /** Credits used and left, from `X-LDT-Credits-*` (`remaining` is absent when unlimited). */
  credits: { used?: number; remaining?: number };
}

/** Looks people up in the configured organization through `LiveDataHttpService`. */
@Injectable()
export class PeopleService {
  constructor(
    @Inject(LiveDataHttpService) private readonly http: LiveDataHttpService,
    @Inject(EXAMPLE_SETTINGS) private readonly settings: ExampleSettings,
  ) {}

  /** The person with this work email, or `undefined`. Upstream failures throw (the filter maps them). */
  async findByEmail(email: string): Promise<PersonLookup | undefined> {
    const body = {
      matches: [{ fields: [{ field_name: 'email_address', search_term: email }] }],
      size: 1,
    };
    const { data, headers } = await firstValueFrom(
      this.http.post<{ people?: Person[] }>(`/people/v1/${this.settings.orgId}/find`, body),
    );
    const person = data.people?.[0];
    if (!person) return undefined;
    return { person, credits: creditsOf(headers) };
  }
}

/** Credits used and left, from a Live Data answer's `X-LDT-Credits-*` headers. */
export function creditsOf(headers: Record<string, unknown>): PersonLookup['credits'] {
  return {
    used: numberOrUndefined(headers['x-ldt-credits-used']),
    remaining: numberOrUndefined(headers['x-ldt-credits-remaining']),
  };
}

function numberOrUndefined(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}
