import type { Pagination } from '../openapi/generated/schemas';
import { invalidPage } from '../http/api-error';
import type { Query } from '../http/query';
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
export function paginate<T>(items: readonly T[], query: Query): Page<T> {
  const requestedSize = parsePyInt(query.get('page_size') ?? '');
  const pageSize = requestedSize !== undefined && requestedSize > 0 ? requestedSize : DEFAULT_PAGE_SIZE;
  const count = items.length;
  const totalPages = Math.max(1, Math.ceil(count / pageSize));
  const pageParam = query.get('page') ?? '1';
  const page = pageParam === 'last' ? totalPages : parsePyInt(pageParam);
  if (page === undefined || page < 1 || page > totalPages) throw invalidPage();
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
