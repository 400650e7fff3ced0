import type { Pagination } from '../openapi/generated/schemas';
import { invalidPage } from './api-error';
import type { Drf } from './drf-rules';
import type { Query } from './query';
import { parsePyInt } from '../python/py-int';

/** authentik's PAGE_SIZE setting; there is no maximum. */
export const DEFAULT_PAGE_SIZE = 100;

export interface Page<T> {
  pagination: Pagination;
  results: T[];
}

/**
 * authentik's Pagination over DRF's PageNumberPagination and Django's Paginator. `page_size` that is not
 * a positive Python int falls back to the default (DRF's `_positive_int(strict=True)`); `page=last` is the
 * last page; any other page that is not an int in 1..total_pages is 404 `Invalid page.` (an empty list
 * still has page 1). `next`/`previous` are 0 when there is none.
 */
export function paginate<T>(items: readonly T[], query: Query, drf: Pick<Drf, 'requestedPage'>): Page<T> {
  const pageSize = pageSizeOf(query);
  const count = items.length;
  const totalPages = Math.max(1, Math.ceil(count / pageSize));
  const requested = drf.requestedPage(query);
  const page = requested === 'last' ? totalPages : requested;
  if (page === undefined || page > totalPages) throw invalidPage();
  const start = (page - 1) * pageSize;
  return {
    pagination: {
      next: page < totalPages ? page + 1 : 0,
      previous: page > 1 ? page - 1 : 0,
      count,
      current: page,
      total_pages: totalPages,
      start_index: count === 0 ? 0 : start + 1,
      end_index: page === totalPages ? count : page * pageSize,
    },
    results: items.slice(start, start + pageSize),
  };
}

/** The page size: `page_size` when it is a positive Python int, else the default. */
export function pageSizeOf(query: Query): number {
  const requested = parsePyInt(query.get('page_size') ?? '');
  return requested !== undefined && requested > 0 ? requested : DEFAULT_PAGE_SIZE;
}
