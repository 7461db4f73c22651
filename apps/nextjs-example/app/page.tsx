import { PersonSearch } from './person-search';

/**
 * A static page: it holds no Live Data call itself (the form's server action and the
 * route handler run per request), so `next build` prerenders it without any token.
 */
export default function HomePage() {
  return (
    <main>
      <h1>Find a person</h1>
      <p>
        Looks a person up by work email through the Live Data API. The token stays on the server;
        try <a href="/api/people?email=dana.whitfield@livedata-demo.example">the JSON route</a> too.
      </p>
      <PersonSearch />
    </main>
  );
}
