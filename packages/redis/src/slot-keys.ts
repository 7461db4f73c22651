/**
 * The Redis key names of a token and its refresh lock. Both carry the same Redis Cluster
 * hash tag (the text between the first `{` and the first `}` after it), so they live in
 * one hash slot, on one master: a failover or a partition takes both or neither, and the
 * lock release script (which names only the lock key) runs on the master that holds the
 * token. The same names are used with a single Redis, so the shape never depends on
 * which client is passed.
 */
import { STORE_KEY_PREFIX } from '@livedata/core';
import { configError } from './config-error.js';

/**
 * The manager's keys are `livedata:token:<hash>`: only the part after that namespace goes
 * in the tag, so `<keyPrefix>livedata:token:{<hash>}` still matches the ACL pattern
 * `~<keyPrefix>livedata:*` of earlier versions. Any other key is tagged whole.
 */
function taggedKey(key: string): string {
  if (typeof key !== 'string' || key === '' || key.startsWith('}')) {
    // `{}` or `{}…` is an empty tag: Redis would hash the whole name, and the token and
    // its lock could land on different masters.
    throw new RangeError(
      'RedisTokenStore: a store key must be a non-empty string not starting with "}" (the TokenManager passes "livedata:token:<hash>").',
    );
  }
  const rest = key.slice(STORE_KEY_PREFIX.length);
  if (key.startsWith(STORE_KEY_PREFIX) && rest !== '' && !rest.startsWith('}')) {
    return `${STORE_KEY_PREFIX}{${rest}}`;
  }
  return `{${key}}`;
}

/** The Redis key of the token stored for a manager key. */
export function tokenKeyName(keyPrefix: string, key: string): string {
  return `${keyPrefix}${taggedKey(key)}`;
}

/** The Redis key of the refresh lock for a manager key: the token's name plus `:lock`. */
export function lockKeyName(keyPrefix: string, key: string): string {
  return `${tokenKeyName(keyPrefix, key)}:lock`;
}

/**
 * A prefix whose first `{` is directly followed by `}` makes the first tag of every key
 * empty, so Redis Cluster would hash each whole name and split a token from its lock.
 * Any other prefix is fine: one with a `{…}` tag of its own (`'{app}:'`) puts every key
 * of the store in that slot, which keeps a token and its lock together too.
 */
export function checkKeyPrefix(keyPrefix: string): void {
  const open = keyPrefix.indexOf('{');
  if (open >= 0 && keyPrefix[open + 1] === '}') {
    throw configError(
      'keyPrefix',
      'RedisTokenStore: option `keyPrefix` must not contain an empty hash tag `{}` (Redis Cluster would put a token and its lock in different slots); remove the braces or put a name between them, e.g. `{app}:`.',
    );
  }
}
