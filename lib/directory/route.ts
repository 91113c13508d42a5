import { formatQuery, parseQuery, type DirectoryQuery } from './filters';

/**
 * The directory page's address (`vendors.html#...`), shareable and bookmarkable:
 * - `#/?q=cerner&severity=high`: the list for a search;
 * - `#/vendor/<id>`: one vendor's profile;
 * - `#/set/<id>,<id>?from=tab`: a given set of vendors (the popup's "export the vendors on this tab").
 */
export type Route =
  | { view: 'list'; query: DirectoryQuery }
  | { view: 'vendor'; id: string }
  | { view: 'set'; ids: string[]; fromTab: boolean };

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const [pathname = '', search = ''] = path.split(/\?(.*)/s);
  const parts = pathname.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return '';
    }
  });
  if (parts[0] === 'vendor' && parts[1] && ID.test(parts[1])) return { view: 'vendor', id: parts[1] };
  if (parts[0] === 'set' && parts[1]) {
    const ids = [...new Set(parts[1].split(',').filter((id) => ID.test(id)))].slice(0, 500);
    return { view: 'set', ids, fromTab: new URLSearchParams(search).get('from') === 'tab' };
  }
  return { view: 'list', query: parseQuery(search) };
}

export function listHash(query: DirectoryQuery): string {
  const params = formatQuery(query);
  return params ? `#/?${params}` : '#/';
}

export const vendorHash = (id: string) => `#/vendor/${encodeURIComponent(id)}`;

export const setHash = (ids: readonly string[], fromTab: boolean) =>
  `#/set/${ids.map(encodeURIComponent).join(',')}${fromTab ? '?from=tab' : ''}`;
