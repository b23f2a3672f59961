// A software prefetch, which Swift has no spelling for. The segment builder's term table is far
// larger than the caches; asking for a slot a few lookups ahead hides the wait on memory.
static inline void yz_prefetch(const void *address) { __builtin_prefetch(address, 1, 3); }
