import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client.ts';
import type { Division, Industry, TagOption } from '../../api/types.ts';
import { buildTree, namesByCode, withZones } from './reference-trees.ts';

const LONG = 30 * 60_000;

export function useDivisions() {
  const query = useQuery({
    queryKey: ['reference', 'divisions'],
    queryFn: () => api.get<{ items: Division[] }>('/api/v1/reference/divisions'),
    staleTime: LONG,
  });
  // The province adds nothing to choose from: the tree starts at the city.
  const items = useMemo(() => query.data?.items.filter((d) => d.level !== 'province'), [query.data]);
  return useMemo(
    () => ({
      items: items ?? [],
      tree: buildTree(items ?? []),
      /** For forms: an enterprise sits in a county or a street, not in the city as a whole. */
      assignableTree: buildTree(items ?? [], { isSelectable: (d) => d.level === 'county' || d.level === 'street' }),
      names: namesByCode(items ?? []),
      byCode: new Map((items ?? []).map((d) => [d.code, d])),
      isLoading: query.isLoading,
    }),
    [items, query.isLoading],
  );
}

/** `isPublic`: used on a page without sign-in, so a 401 is neither shown nor followed. */
export function useIndustries(options: { isPublic?: boolean } = {}) {
  const query = useQuery({
    queryKey: ['reference', 'industries'],
    queryFn: () =>
      api.get<{ items: Industry[] }>('/api/v1/reference/industries', undefined, {
        silent: options.isPublic,
        allowUnauthorized: options.isPublic,
      }),
    staleTime: LONG,
  });
  const items = query.data?.items;
  return useMemo(
    () => ({
      items: items ?? [],
      tree: buildTree(items ?? [], { withCode: true }),
      names: namesByCode(items ?? []),
      isLoading: query.isLoading,
      isError: query.isError,
    }),
    [items, query.isLoading, query.isError],
  );
}

export function useTags() {
  const query = useQuery({
    queryKey: ['reference', 'tags'],
    queryFn: () => api.get<{ items: TagOption[] }>('/api/v1/reference/tags'),
    staleTime: LONG,
  });
  const items = query.data?.items;
  return useMemo(() => {
    const options = items ?? [];
    const labels = new Map(options.map((o) => [o.value, o.label]));
    return { options, label: (value: string) => labels.get(value) ?? value };
  }, [items]);
}

/** The division tree with the functional zones that are not divisions (郑东新区), for jurisdiction filters (signed in). */
export function useJurisdictionTree(zoneLabel: (name: string) => string) {
  const divisions = useDivisions();
  const zones = useQuery({
    queryKey: ['reference', 'jurisdictions'],
    queryFn: () => api.get<{ items: { code: string; name: string }[] }>('/api/v1/reference/jurisdictions'),
    staleTime: LONG,
  });
  const tree = useMemo(() => withZones(divisions.tree, zones.data?.items ?? [], zoneLabel), [divisions.tree, zones.data, zoneLabel]);
  return { tree, isLoading: divisions.isLoading || zones.isLoading };
}
