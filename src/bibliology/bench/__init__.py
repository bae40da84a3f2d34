"""`bibliology bench`: the design's query patterns measured against the best hand-written SQL and the
design's own Prisma client (docs/benchmarks.md). A measuring tool, not part of the product."""
