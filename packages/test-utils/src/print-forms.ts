import { format, inspect } from 'node:util';

function cycleSafeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return String(v);
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[Circular]';
        seen.add(v);
      }
      return v;
    }) ?? ''
  );
}

/**
 * Every way an application prints or serializes an object: `util.inspect` with hidden
 * properties at any depth, `util.format('%o')`, `JSON.stringify` (and, when that throws on
 * a cycle, the same with cycles cut), and `String`.
 */
export function printForms(value: unknown): Record<string, string> {
  let json: string;
  try {
    json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  } catch {
    json = cycleSafeJson(value);
  }
  let text: string;
  try {
    text = String(value);
  } catch {
    text = '';
  }
  return {
    inspect: inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
    format: format('%o', value),
    json: json ?? '',
    string: text,
  };
}

/** The print forms of `value` (labelled `label:form`) that contain any of `secrets`. */
export function leaksIn(label: string, value: unknown, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const [form, text] of Object.entries(printForms(value))) {
    if (secrets.some((secret) => secret !== '' && text.includes(secret))) {
      found.push(`${label}:${form}`);
    }
  }
  return found;
}
