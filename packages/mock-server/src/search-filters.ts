import type { Person } from './dataset.js';
import { isObject } from './http-helpers.js';

/** A leaf condition of a people search. */
export interface FieldFilter {
  field: string;
  type: 'must' | 'must_not';
  matchType: 'exact' | 'fuzzy' | 'exists';
  values: string[];
}

/** A group of conditions joined by `and` or `or`. */
export interface FilterGroup {
  operator: 'and' | 'or';
  filters: FilterNode[];
}

export type FilterNode = FieldFilter | FilterGroup;

/** Fields a search may filter on (dotted paths into a person record). */
export const SEARCHABLE_FIELDS = [
  'id',
  'name',
  'first_name',
  'last_name',
  'linkedin',
  'location',
  'employment_status',
  'position',
  'jobs.title',
  'jobs.level',
  'jobs.function',
  'jobs.location',
  'jobs.started_at',
  'jobs.ended_at',
  'jobs.company.id',
  'jobs.company.name',
  'jobs.company.domain',
  'jobs.company.industry',
  'jobs.company.employee_count',
  'jobs.company.country',
] as const;

const searchable = new Set<string>(SEARCHABLE_FIELDS);

/** Parses the `filters` array of a search body; returns an error message when it is invalid. */
export function parseFilters(value: unknown, path = 'filters'): FilterNode[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return `${path} must be an array`;
  const nodes: FilterNode[] = [];
  for (const [index, item] of value.entries()) {
    const node = parseNode(item, `${path}[${index}]`);
    if (typeof node === 'string') return node;
    nodes.push(node);
  }
  return nodes;
}

function parseNode(item: unknown, path: string): FilterNode | string {
  if (!isObject(item)) return `${path} must be an object`;
  if (item.filters !== undefined || item.operator !== undefined) {
    const operator = item.operator ?? 'and';
    if (operator !== 'and' && operator !== 'or') return `${path}.operator must be "and" or "or"`;
    const filters = parseFilters(item.filters, `${path}.filters`);
    if (typeof filters === 'string') return filters;
    return { operator, filters };
  }
  const { field, type = 'must', match_type: matchType = 'exact', string_values: values } = item;
  if (typeof field !== 'string' || !searchable.has(field)) {
    return `${path}.field must be one of ${SEARCHABLE_FIELDS.join(', ')}`;
  }
  if (type !== 'must' && type !== 'must_not') return `${path}.type must be "must" or "must_not"`;
  if (matchType !== 'exact' && matchType !== 'fuzzy' && matchType !== 'exists') {
    return `${path}.match_type must be "exact", "fuzzy" or "exists"`;
  }
  if (matchType === 'exists') return { field, type, matchType, values: [] };
  if (
    !Array.isArray(values) ||
    values.length === 0 ||
    !values.every((v) => typeof v === 'string')
  ) {
    return `${path}.string_values must be a non-empty array of strings`;
  }
  return { field, type, matchType, values: values as string[] };
}

/** True when `person` satisfies every node (the top level is an implicit `and`). */
export function matchesFilters(person: Person, nodes: readonly FilterNode[]): boolean {
  return nodes.every((node) => matchesNode(person, node));
}

function matchesNode(person: Person, node: FilterNode): boolean {
  if ('operator' in node) {
    if (node.filters.length === 0) return true;
    return node.operator === 'and'
      ? node.filters.every((child) => matchesNode(person, child))
      : node.filters.some((child) => matchesNode(person, child));
  }
  const found = valuesAt(person, node.field).map((v) => v.toLowerCase());
  const wanted = node.values.map((v) => v.toLowerCase());
  let hit: boolean;
  if (node.matchType === 'exists') hit = found.length > 0;
  else if (node.matchType === 'exact') hit = found.some((v) => wanted.includes(v));
  else hit = found.some((v) => wanted.some((w) => v.includes(w)));
  return node.type === 'must' ? hit : !hit;
}

/** Every non-null value at a dotted path, flattening arrays (`jobs.company.name`). */
export function valuesAt(record: unknown, path: string): string[] {
  let current: unknown[] = [record];
  for (const key of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      const child = isObject(value) ? value[key] : undefined;
      if (Array.isArray(child)) next.push(...child);
      else if (child !== undefined && child !== null) next.push(child);
    }
    current = next;
  }
  return current.filter((v) => typeof v !== 'object').map(String);
}
