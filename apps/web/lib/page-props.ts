// What Next.js hands every page that reads its query string.

export type SearchParams = Record<string, string | string[] | undefined>;

/** A page's props when it reads only the query string. */
export interface QueryPageProps {
  searchParams: Promise<SearchParams>;
}
