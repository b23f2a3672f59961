// cicu.h — the narrow C surface Yinzheng uses from ICU4C.
//
// ICU renames every C entry point with its major version (ubrk_open → ubrk_open_72), which Swift's
// importer cannot see through the macros, so this shim re-exports the handful of calls we need
// under stable names. Handles are opaque pointers; the Swift module `ICU` owns and closes them.
// Status codes are ICU's UErrorCode values (<= 0 success, > 0 failure).
#ifndef YZ_CICU_H
#define YZ_CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Name of an ICU error code (u_errorName).
const char *yz_error_name(int32_t status);
/// ICU version string, e.g. "72.1".
void yz_icu_version(char *buffer, int32_t capacity);

// MARK: Word break iterator (ubrk)

/// Opens a word break iterator for `locale` ("zh"). Returns NULL and sets *status on failure.
void *yz_wordbreak_open(const char *locale, int32_t *status);
/// Independent copy of an iterator (ubrk_clone), for another thread.
void *yz_wordbreak_clone(const void *iterator, int32_t *status);
void yz_wordbreak_close(void *iterator);
/// Sets `text` (UTF-16, `length` units) and writes every boundary after 0 with the rule status of
/// the segment ending there into `boundaries` / `ruleStatus` (each with room for `capacity`
/// entries; `length` entries always suffice). Returns the number of boundaries written.
/// The iterator keeps a pointer to `text` until the next call; callers pass a buffer they own.
int32_t yz_wordbreak_segment(void *iterator, const uint16_t *text, int32_t length,
                             int32_t *boundaries, int32_t *ruleStatus, int32_t capacity,
                             int32_t *status);

// MARK: Normalizer2 (unorm2); instances are ICU singletons and are never closed

const void *yz_normalizer_nfkc(int32_t *status);
const void *yz_normalizer_nfkc_casefold(int32_t *status);
/// Normalises `source` into `dest`; returns the needed length (may exceed capacity, then
/// *status is U_BUFFER_OVERFLOW_ERROR).
int32_t yz_normalizer_normalize(const void *normalizer, const uint16_t *source, int32_t length,
                                uint16_t *dest, int32_t capacity, int32_t *status);
/// 1 when the code point is unaffected by normalisation in any context.
int32_t yz_normalizer_is_inert(const void *normalizer, int32_t codePoint);
/// 1 when text can be split before this code point without changing its normalisation.
int32_t yz_normalizer_has_boundary_before(const void *normalizer, int32_t codePoint);

// MARK: Transliterator (utrans)

/// Opens a transliterator by id (UTF-16), e.g. "Traditional-Simplified".
void *yz_transliterator_open(const uint16_t *identifier, int32_t identifierLength, int32_t *status);
void yz_transliterator_close(void *transliterator);
/// Transliterates `buffer` in place. Returns the new length; when it exceeds `capacity`,
/// *status is U_BUFFER_OVERFLOW_ERROR and the caller retries with a larger buffer.
int32_t yz_transliterator_apply(const void *transliterator, uint16_t *buffer, int32_t length,
                                int32_t capacity, int32_t *status);

// MARK: Traditional → Simplified table, generated from ICU by tools/gen-t2s-table.c

/// Number of (traditional, simplified) pairs of single code points, sorted by the first.
int32_t yz_t2s_count(void);
/// Pair `i`: its traditional code point and its simplified code point.
uint32_t yz_t2s_traditional(int32_t i);
uint32_t yz_t2s_simplified(int32_t i);
/// The ICU version the table was generated with.
const char *yz_t2s_icu_version(void);

// MARK: Charset detection (ucsdet) and conversion (ucnv)

void *yz_charset_detector_open(int32_t *status);
void yz_charset_detector_close(void *detector);
/// Detects the charset of `bytes`. Writes up to `maxMatches` candidates, best first: each name
/// (NUL-terminated, at most `nameCapacity` bytes) into `names + i * nameCapacity` and its confidence
/// (0–100) into `confidences[i]`. Returns the number written.
int32_t yz_charset_detect(void *detector, const char *bytes, int32_t length, char *names,
                          int32_t nameCapacity, int32_t *confidences, int32_t maxMatches,
                          int32_t *status);

/// Converts `source` in charset `charsetName` to UTF-16. Invalid or unmappable sequences become
/// U+FFFD; their count goes to *invalidCount and the byte offsets of the first `offsetsCapacity`
/// of them to `invalidOffsets`. Returns the UTF-16 length needed; when it exceeds `capacity`,
/// *status is U_BUFFER_OVERFLOW_ERROR and the caller retries with a larger buffer.
int32_t yz_convert_to_utf16(const char *charsetName, const char *source, int32_t length,
                            uint16_t *dest, int32_t capacity, int32_t *invalidCount,
                            int32_t *invalidOffsets, int32_t offsetsCapacity, int32_t *status);

#ifdef __cplusplus
}
#endif

#endif
