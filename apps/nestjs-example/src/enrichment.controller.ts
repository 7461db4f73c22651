import { BadRequestException, Controller, Get, Inject, Param } from '@nestjs/common';
import { EnrichmentService } from './enrichment.service.js';
import type { PersonLookup } from './people.service.js';

/** Live Data person ids are short tokens such as `p_1a2b3c`; anything else never reaches the API. */
const PERSON_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `GET /people/:id`: one person's full record, read with the enrichment account. */
@Controller('people')
export class EnrichmentController {
  constructor(@Inject(EnrichmentService) private readonly enrichment: EnrichmentService) {}

  @Get(':id')
  async byId(@Param('id') id: string): Promise<PersonLookup> {
    if (!PERSON_ID.test(id))
      throw new BadRequestException('The person id must be letters, digits, "_" or "-".');
    return this.enrichment.personById(id);
  }
}
