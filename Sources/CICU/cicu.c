// cicu.c — see include/cicu.h. Every function here is a direct call into ICU4C; no state is kept.
#include "cicu.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/uclean.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>
#include <unicode/utypes.h>

const char *yz_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

void yz_icu_version(char *buffer, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    if (capacity <= 0) return;
    strncpy(buffer, text, (size_t)capacity - 1);
    buffer[capacity - 1] = 0;
}

// MARK: Word break iterator

void *yz_wordbreak_open(const char *locale, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, locale, NULL, 0, &err);
    *status = err;
    if (U_FAILURE(err)) { if (bi) ubrk_close(bi); return NULL; }
    return bi;
}

void *yz_wordbreak_clone(const void *iterator, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_clone((const UBreakIterator *)iterator, &err);
    *status = err;
    if (U_FAILURE(err)) { if (bi) ubrk_close(bi); return NULL; }
    return bi;
}

void yz_wordbreak_close(void *iterator) {
    if (iterator) ubrk_close((UBreakIterator *)iterator);
}

int32_t yz_wordbreak_segment(void *iterator, const uint16_t *text, int32_t length,
                             int32_t *boundaries, int32_t *ruleStatus, int32_t capacity,
                             int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *bi = (UBreakIterator *)iterator;
    ubrk_setText(bi, (const UChar *)text, length, &err);
    *status = err;
    if (U_FAILURE(err)) return 0;
    int32_t count = 0;
    ubrk_first(bi);
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE && count < capacity; b = ubrk_next(bi)) {
        boundaries[count] = b;
        ruleStatus[count] = ubrk_getRuleStatus(bi);
        count++;
    }
    return count;
}

// MARK: Normalizer2

const void *yz_normalizer_nfkc(int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFKCInstance(&err);
    *status = err;
    return n;
}

const void *yz_normalizer_nfkc_casefold(int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFKCCasefoldInstance(&err);
    *status = err;
    return n;
}

int32_t yz_normalizer_normalize(const void *normalizer, const uint16_t *source, int32_t length,
                                uint16_t *dest, int32_t capacity, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = unorm2_normalize((const UNormalizer2 *)normalizer, (const UChar *)source, length,
                                 (UChar *)dest, capacity, &err);
    *status = err;
    return n;
}

int32_t yz_normalizer_is_inert(const void *normalizer, int32_t codePoint) {
    return unorm2_isInert((const UNormalizer2 *)normalizer, (UChar32)codePoint) ? 1 : 0;
}

int32_t yz_normalizer_has_boundary_before(const void *normalizer, int32_t codePoint) {
    return unorm2_hasBoundaryBefore((const UNormalizer2 *)normalizer, (UChar32)codePoint) ? 1 : 0;
}

// MARK: Transliterator

void *yz_transliterator_open(const uint16_t *identifier, int32_t identifierLength, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UParseError parseError;
    UTransliterator *t = utrans_openU((const UChar *)identifier, identifierLength, UTRANS_FORWARD,
                                      NULL, 0, &parseError, &err);
    *status = err;
    if (U_FAILURE(err)) { if (t) utrans_close(t); return NULL; }
    return t;
}

void yz_transliterator_close(void *transliterator) {
    if (transliterator) utrans_close((UTransliterator *)transliterator);
}

int32_t yz_transliterator_apply(const void *transliterator, uint16_t *buffer, int32_t length,
                                int32_t capacity, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t textLength = length;
    int32_t limit = length;
    utrans_transUChars((const UTransliterator *)transliterator, (UChar *)buffer, &textLength,
                       capacity, 0, &limit, &err);
    *status = err;
    return textLength;
}

// MARK: Charset detection

void *yz_charset_detector_open(int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&err);
    *status = err;
    if (U_FAILURE(err)) { if (d) ucsdet_close(d); return NULL; }
    return d;
}

void yz_charset_detector_close(void *detector) {
    if (detector) ucsdet_close((UCharsetDetector *)detector);
}

int32_t yz_charset_detect(void *detector, const char *bytes, int32_t length, char *names,
                          int32_t nameCapacity, int32_t *confidences, int32_t maxMatches,
                          int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UCharsetDetector *d = (UCharsetDetector *)detector;
    ucsdet_setText(d, bytes, length, &err);
    if (U_FAILURE(err)) { *status = err; return 0; }
    int32_t found = 0;
    const UCharsetMatch **matches = ucsdet_detectAll(d, &found, &err);
    *status = err;
    if (U_FAILURE(err) || matches == NULL) return 0;
    int32_t written = 0;
    for (int32_t i = 0; i < found && written < maxMatches; i++) {
        UErrorCode e = U_ZERO_ERROR;
        const char *name = ucsdet_getName(matches[i], &e);
        int32_t confidence = ucsdet_getConfidence(matches[i], &e);
        if (U_FAILURE(e) || name == NULL) continue;
        char *slot = names + (size_t)written * (size_t)nameCapacity;
        strncpy(slot, name, (size_t)nameCapacity - 1);
        slot[nameCapacity - 1] = 0;
        confidences[written] = confidence;
        written++;
    }
    return written;
}

// MARK: Conversion with a counting substitute callback

typedef struct {
    const char *base;
    int32_t count;
    int32_t *offsets;
    int32_t capacity;
} YZInvalidLog;

static void yz_count_and_substitute(const void *context, UConverterToUnicodeArgs *args,
                                    const char *codeUnits, int32_t length,
                                    UConverterCallbackReason reason, UErrorCode *err) {
    if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to substitute
    YZInvalidLog *log = (YZInvalidLog *)context;
    if (log->count < log->capacity) {
        // args->source already points past the offending units.
        int32_t offset = (int32_t)(args->source - log->base) - length;
        log->offsets[log->count] = offset < 0 ? 0 : offset;
    }
    log->count++;
    UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, codeUnits, length, reason, err);
}

int32_t yz_convert_to_utf16(const char *charsetName, const char *source, int32_t length,
                            uint16_t *dest, int32_t capacity, int32_t *invalidCount,
                            int32_t *invalidOffsets, int32_t offsetsCapacity, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    *invalidCount = 0;
    UConverter *cnv = ucnv_open(charsetName, &err);
    if (U_FAILURE(err)) { *status = err; if (cnv) ucnv_close(cnv); return 0; }
    YZInvalidLog log = {source, 0, invalidOffsets, offsetsCapacity};
    ucnv_setToUCallBack(cnv, yz_count_and_substitute, &log, NULL, NULL, &err);
    if (U_FAILURE(err)) { *status = err; ucnv_close(cnv); return 0; }
    UChar *target = (UChar *)dest;
    const char *src = source;
    ucnv_toUnicode(cnv, &target, (UChar *)dest + capacity, &src, source + length, NULL, 1, &err);
    int32_t written = (int32_t)(target - (UChar *)dest);
    ucnv_close(cnv);
    *status = err;
    *invalidCount = log.count;
    if (err == U_BUFFER_OVERFLOW_ERROR) return capacity * 2 + 16;
    return written;
}
