// What the Axios tests share: the supported Axios range, its adapters, and the request the
// tests send through them.
import { DEMO_ORG_ID, DEMO_PERSON_EMAIL } from '@livedata/mock-server';
import axiosNewest, { type AxiosStatic } from 'axios';
import axiosOldest from 'axios-oldest';

/** The oldest Axios of the supported range (a second install, `axios-oldest`). */
export const oldestAxios = axiosOldest as unknown as AxiosStatic;

/** Both ends of the supported Axios range, labelled `axios VERSION`. */
export const axiosVersions: Array<[string, AxiosStatic]> = [
  [`axios ${axiosNewest.VERSION}`, axiosNewest],
  [`axios ${oldestAxios.VERSION}`, oldestAxios],
];

/** The Node adapters every Axios of the range ships. */
export const axiosAdapters = ['http', 'fetch'] as const;

/** One of {@link axiosAdapters}. */
export type AxiosAdapterName = (typeof axiosAdapters)[number];

/** Each end of the range with each of its Node adapters, labelled `axios VERSION, NAME adapter`. */
export const axiosAdapterCases: Array<[string, AxiosStatic, AxiosAdapterName]> =
  axiosVersions.flatMap(([label, axios]) =>
    axiosAdapters.map((adapter): [string, AxiosStatic, AxiosAdapterName] => [
      `${label}, ${adapter} adapter`,
      axios,
      adapter,
    ]),
  );

/** The mock server's people search for the demo organization. */
export const FIND_PATH = `/people/v1/${DEMO_ORG_ID}/find`;

/** A people search body that finds the demo person. */
export const FIND_BODY = {
  matches: [{ fields: [{ field_name: 'email_address', search_term: DEMO_PERSON_EMAIL }] }],
};
