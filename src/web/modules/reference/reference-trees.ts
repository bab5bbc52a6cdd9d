/** Trees for TreeSelect built from the flat reference lists (divisions, industries). */

export type TreeNode = { value: string; title: string; label: string; selectable?: boolean; children?: TreeNode[] };

type Flat = { code: string; name: string; parentCode: string | null };

/**
 * Nests a flat list by `parentCode`; an item whose parent is not in the list is a root.
 * Titles show the code for industries (`C36 汽车制造业`) when `withCode` is set; items
 * failing `isSelectable` stay in the tree to navigate but cannot be chosen.
 */
export function buildTree<T extends Flat>(
  items: readonly T[],
  options: { withCode?: boolean; isSelectable?: (item: T) => boolean } = {},
): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const item of items) {
    const title = options.withCode ? `${item.code} ${item.name}` : item.name;
    const node: TreeNode = { value: item.code, title, label: item.name };
    if (options.isSelectable && !options.isSelectable(item)) node.selectable = false;
    nodes.set(item.code, node);
  }
  const roots: TreeNode[] = [];
  for (const item of items) {
    const node = nodes.get(item.code);
    if (!node) continue;
    const parent = item.parentCode ? nodes.get(item.parentCode) : undefined;
    if (parent && parent !== node) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** A map from code to name, for labels of codes that come from the URL. */
export function namesByCode(items: readonly Flat[]): Map<string, string> {
  return new Map(items.map((item) => [item.code, item.name]));
}

/** TreeSelect search: matches the code prefix or any part of the name. */
export function matchesTreeSearch(input: string, node: { value?: unknown; title?: unknown }): boolean {
  const needle = input.trim().toLowerCase();
  if (!needle) return true;
  const code = String(node.value ?? '').toLowerCase();
  const title = String(node.title ?? '').toLowerCase();
  return code.startsWith(needle) || title.includes(needle);
}

/**
 * Adds the functional zones that are not GB/T 2260 divisions (郑东新区 `410100-ZD`) under the city
 * they belong to, so that filters offer every jurisdiction; `zoneLabel` names such a node.
 */
export function withZones(tree: readonly TreeNode[], zones: readonly { code: string; name: string }[], zoneLabel: (name: string) => string): TreeNode[] {
  const known = new Set<string>();
  const walk = (nodes: readonly TreeNode[]) => {
    for (const n of nodes) {
      known.add(n.value);
      if (n.children) walk(n.children);
    }
  };
  walk(tree);
  const extra = zones.filter((z) => !known.has(z.code));
  if (!extra.length) return [...tree];
  return tree.map((root) => {
    const mine = extra.filter((z) => z.code.startsWith(root.value));
    if (!mine.length) return root;
    return { ...root, children: [...(root.children ?? []), ...mine.map((z) => ({ value: z.code, title: zoneLabel(z.name), label: z.name }))] };
  });
}
