import { InjectLiveDataHttpService, LiveDataHttpService } from '@livedata/nestjs';
import { Inject, Injectable } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { ENRICHMENT_ACCOUNT, EXAMPLE_SETTINGS, type ExampleSettings } from './example.config.js';
import { creditsOf, type Person, type PersonLookup } from './people.service.js';

/**
 * Reads full person records with the service's second Live Data account (the `enrichment`
 * registration): its own token manager and its own `LiveDataHttpService`.
 */
@Injectable()
export class EnrichmentService {
  constructor(
    @InjectLiveDataHttpService(ENRICHMENT_ACCOUNT) private readonly http: LiveDataHttpService,
    @Inject(EXAMPLE_SETTINGS) private readonly settings: ExampleSettings,
  ) {}

  /** The person with this Live Data id. Upstream failures throw (404 included; the filter maps them). */
  async personById(id: string): Promise<PersonLookup> {
    const { data, headers } = await firstValueFrom(
      this.http.get<Person>(`/people/v1/${this.settings.orgId}/person/${encodeURIComponent(id)}`),
    );
    return { person: data, credits: creditsOf(headers) };
  }
}
