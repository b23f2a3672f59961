#ifndef YZ_CHECKSUM_H
#define YZ_CHECKSUM_H
#include <stddef.h>
#include <stdint.h>

/// CRC-32 (the zlib polynomial) of the longest prefix of `buf` this CPU can fold with carry-less
/// multiplication (a multiple of 16 bytes, at least 64), continuing `*crc` (a finished CRC-32, 0
/// for none yet). Returns how many bytes it consumed: 0 when the CPU lacks PCLMULQDQ or `len` is
/// under 64; the caller checksums the rest another way.
size_t yz_crc32_fold(uint32_t *crc, const uint8_t *buf, size_t len);

#endif
