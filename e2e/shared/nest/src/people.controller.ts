import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PeopleService } from './people.service';

@Controller('people')
export class PeopleController {
  constructor(
    @Inject(PeopleService) private readonly people: PeopleService,
    @Inject(ConfigService) private readonly config: ConfigService,
  ) {}

  private get orgId(): string {
    return this.config.getOrThrow<string>('LIVEDATA_ORG_ID');
  }

  @Get()
  async search(@Query('company') company: string) {
    return { people: await this.people.searchByCompany(this.orgId, company) };
  }

  @Get('by-email')
  async findByEmail(@Query('email') email: string) {
    return { person: (await this.people.findByEmail(this.orgId, email)) ?? null };
  }

  @Post('find')
  find(@Body() body: unknown) {
    return this.people.findWithFetch(this.orgId, body);
  }
}
