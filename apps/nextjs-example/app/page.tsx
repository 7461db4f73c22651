import { OrgStatus } from './org-status';
import { PersonSearch } from './person-search';

/**
 * The home page. `OrgStatus` calls the Live Data API while rendering, which makes the page
 * dynamic (through `liveDataFetch`'s `connection()` call, no `dynamic` export needed): it
 * renders per request and `next build` requests no token for it.
 */
export default function HomePage() {
  return (
    <main>
      <h1>Find a person</h1>
      <p>
        Looks a person up by work email through the Live Data API. The token stays on the server;
        try <a href="/api/people?email=dana.whitfield@livedata-demo.example">the JSON route</a> too.
      </p>
      <OrgStatus />
      <PersonSearch />
    </main>
  );
}
