import type { Principal } from './tokens.js';
import type { MockApiKey, MockServiceAccount, MockUser } from './types.js';

/** The accounts, users and API keys the server accepts. */
export class CredentialDirectory {
  readonly #serviceAccounts: readonly MockServiceAccount[];
  readonly #users: readonly MockUser[];
  readonly #apiKeys: readonly MockApiKey[];

  constructor(
    serviceAccounts: readonly MockServiceAccount[],
    users: readonly MockUser[],
    apiKeys: readonly MockApiKey[],
  ) {
    this.#serviceAccounts = serviceAccounts;
    this.#users = users;
    this.#apiKeys = apiKeys;
  }

  serviceAccount(clientId: string, clientSecret: string): Principal | undefined {
    const account = this.#serviceAccounts.find(
      (a) => a.clientId === clientId && a.clientSecret === clientSecret,
    );
    return account && { kind: 'serviceAccount', name: account.clientId, roles: account.roles };
  }

  user(username: string, password: string): Principal | undefined {
    const user = this.#users.find(
      (u) => u.username.toLowerCase() === username.toLowerCase() && u.password === password,
    );
    return user && { kind: 'user', name: user.username, roles: user.roles };
  }

  apiKey(key: string): Principal | undefined {
    const found = this.#apiKeys.find((k) => k.apiKey === key);
    return found && { kind: 'apiKey', name: `${key.slice(0, 10)}…`, roles: found.roles };
  }
}
