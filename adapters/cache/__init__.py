"""Cache adapters: in-process TTL/LRU, Redis, and the caching read-side decorator."""
