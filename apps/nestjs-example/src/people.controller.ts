import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Query,
} from '@nestjs/common';
import { PeopleService, type PersonLookup } from './people.service.js';

/** `GET /people?email=…`: one person by work email. */
@Controller('people')
export class PeopleController {
  constructor(@Inject(PeopleService) private readonly people: PeopleService) {}

  @Get()
  async find(@Query('email') email?: string): Promise<PersonLookup> {
    const wanted = email?.trim();
    if (!wanted?.includes('@'))
      throw new BadRequestException('Query parameter email must be an e-mail address.');
    const found = await this.people.findByEmail(wanted);
    if (!found) throw new NotFoundException(`No person with the email ${wanted}.`);
    return found;
  }
}
