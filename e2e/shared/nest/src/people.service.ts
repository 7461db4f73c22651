import { Inject, Injectable } from '@nestjs/common';
import { LiveDataApiError, TokenManager } from '@livedata/core';
import { LiveDataHttpService } from '@livedata/nestjs';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class PeopleService {
  constructor(
    @Inject(LiveDataHttpService) private readonly http: LiveDataHttpService,
    @Inject(TokenManager) private readonly tokens: TokenManager,
  ) {}

  async findByEmail(orgId: string, email: string) {
    // baseURL is the API's base URL; the token is attached for you.
    const { data } = await firstValueFrom(
      this.http.post(`/people/v1/${orgId}/find`, {
        matches: [{ fields: [{ field_name: 'email_address', search_term: email }] }],
      }),
    );
    return data.people[0];
  }

  async searchByCompany(orgId: string, company: string) {
    const { data } = await firstValueFrom(
      this.http.post(`/people/v1/${orgId}/search`, {
        filters: [
          {
            operator: 'and',
            filters: [
              {
                field: 'jobs.company.name',
                type: 'must',
                match_type: 'fuzzy',
                string_values: [company],
              },
            ],
          },
        ],
        size: 10,
      }),
    );
    return data.people;
  }

  // Or without Axios: tokens.fetch() joins the path onto baseUrl and attaches the token.
  async findWithFetch(orgId: string, body: unknown) {
    const res = await this.tokens.fetch(`/people/v1/${orgId}/find`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw LiveDataApiError.fromResponse(res);
    return res.json();
  }
}
