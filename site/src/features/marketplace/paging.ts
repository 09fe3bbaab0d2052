/** The list pages' paging: `?trang=N` (1-based), 24 products a page; anything unreadable is page 1. */
export const PAGE_PARAM = 'trang';
export const PAGE_SIZE = 24;

export function requestedPage(url: URL): number {
  const raw = url.searchParams.get(PAGE_PARAM);
  const page = raw && /^\d{1,4}$/.test(raw) ? Number(raw) : 1;
  return Math.max(page, 1);
}

/** `pathname` + `search` at another page (page 1 drops the parameter, so it has one address). */
export function pageHref(pathname: string, search: string, page: number): string {
  const params = new URLSearchParams(search);
  if (page <= 1) params.delete(PAGE_PARAM);
  else params.set(PAGE_PARAM, String(page));
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}
