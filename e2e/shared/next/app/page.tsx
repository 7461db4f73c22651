import { FindPersonForm } from './find-person-form';

export default function Home() {
  return (
    <main>
      <h1>Find a person</h1>
      <FindPersonForm />
    </main>
  );
}
