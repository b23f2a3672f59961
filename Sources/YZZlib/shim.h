// zlib, for its CRC-32 (the same polynomial as the index formats; braided, several GB/s).
#include <zlib.h>
