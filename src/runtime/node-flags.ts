// The V8 flags the blog is started with (package.json's start script, the README's process-manager lines,
// and the benchmarks, which measure what ships). Under load a page render makes a lot of short-lived garbage;
// with V8's default young generation (up to 16 MB a semi-space, grown under pressure) the process swelled to
// 300–500 MB RSS, with 4 MB it stays under 200 MB (issue 11 point 6) and served as many requests or more
// (bench/RESULTS.md). Heap sizing flags only take effect at start, so they cannot be set from inside the process.
export const SHIPPED_NODE_FLAGS = ['--max-semi-space-size=4'] as const;
