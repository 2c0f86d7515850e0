import { useQuery } from '@tanstack/react-query';
import { api } from './api.js';
import { queryKeys } from './queries.js';

/** The current session, shared by every component through react-query's cache. */
export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: () => api.session(), staleTime: Infinity });
}
