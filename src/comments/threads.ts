// Readers' comment threads as the post page shows them (pure): top-level comments of one page with their
// replies nested under them, as WordPress's Walker_Comment does. A reply deeper than the depth setting is
// shown at the deepest level, beside its parent, as WordPress does (its parent at max depth has no "Reply"
// link, but a reply sent another way, or before the setting was lowered, must still be seen).
export interface ThreadComment {
  id: number;
  parent_id: number | null;
  thread_id: number | null;
}

export interface ThreadNode<T> {
  comment: T;
  /** 1 for top-level comments. */
  depth: number;
  children: ThreadNode<T>[];
}

/**
 * `roots` in the order the page shows them, `replies` oldest first. A reply whose parent is not shown (held,
 * trashed) hangs under its thread's top-level comment, so the conversation stays in place. With threading
 * off (maxDepth 1) every reply follows its thread's top-level comment, flat, as WordPress lists them by date.
 */
export function buildThreads<T extends ThreadComment>(roots: T[], replies: T[], maxDepth: number): ThreadNode<T>[] {
  const nodes = new Map<number, { node: ThreadNode<T>; up: ThreadNode<T> | null }>();
  const top: ThreadNode<T>[] = [];
  const flatAfter = new Map<number, ThreadNode<T>[]>();
  for (const c of roots) {
    const node = { comment: c, depth: 1, children: [] };
    nodes.set(c.id, { node, up: null });
    top.push(node);
  }
  for (const c of replies) {
    const root = nodes.get(c.thread_id ?? -1);
    if (!root) continue;
    if (maxDepth <= 1) {
      const node = { comment: c, depth: 1, children: [] };
      flatAfter.set(root.node.comment.id, [...(flatAfter.get(root.node.comment.id) ?? []), node]);
      continue;
    }
    let parent = nodes.get(c.parent_id ?? -1) ?? root;
    while (parent.node.depth >= maxDepth && parent.up) parent = nodes.get(parent.up.comment.id)!;
    const node = { comment: c, depth: parent.node.depth + 1, children: [] };
    parent.node.children.push(node);
    nodes.set(c.id, { node, up: parent.node });
  }
  return maxDepth <= 1 ? top.flatMap((n) => [n, ...(flatAfter.get(n.comment.id) ?? [])]) : top;
}

/** How many pages `total` top-level comments fill (at least one, so an empty post has page 1). */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** Page 1 holds the oldest top-level comments; "newest" shows the last page by default (WordPress's default). */
export function defaultPage(pages: number, setting: 'newest' | 'oldest'): number {
  return setting === 'newest' ? pages : 1;
}

/**
 * Where page `page` starts, read from whichever end is nearer: the oldest end in date order, or the newest end
 * backwards. So the first and the last page (the default ones) cost one page of index entries however long the
 * conversation is, and no page costs more than half of it.
 */
export function pageWindow(total: number, perPage: number, page: number): { from: 'oldest' | 'newest'; offset: number; limit: number } {
  const start = (page - 1) * perPage;
  const limit = Math.max(0, Math.min(perPage, total - start));
  const fromEnd = total - start - limit;
  return fromEnd < start ? { from: 'newest', offset: fromEnd, limit } : { from: 'oldest', offset: start, limit };
}
