/*
 * check.h: the few assertions the C and C++ tests of rmos.h share.
 *
 * Every CHECK counts; a failed one prints its file, line, expression and the thread's last RMOS error, and
 * the program goes on so one run shows every failure. check_summary prints "NAME: N passed, N failed" and
 * gives the exit status.
 */
#ifndef RMOS_TEST_CHECK_H
#define RMOS_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rmos.h"

#ifdef __cplusplus
#include <atomic>
static std::atomic<int> check_passed{0}, check_failed{0};
#else
static int check_passed, check_failed;
#endif

#define CHECK(cond)                                                                                  \
    do {                                                                                             \
        if (cond) {                                                                                  \
            check_passed++;                                                                          \
        } else {                                                                                     \
            check_failed++;                                                                          \
            fprintf(stderr, "%s:%d: CHECK failed: %s (last error: \"%s\")\n", __FILE__, __LINE__, \
                    #cond, rmos_last_error_message());                                               \
        }                                                                                            \
    } while (0)

/* Checks a call's status; on a mismatch prints both names and the call's message. */
#define CHECK_STATUS(call, expected)                                                                  \
    do {                                                                                              \
        RmosStatus check_got_ = (call);                                                               \
        if (check_got_ == (expected)) {                                                               \
            check_passed++;                                                                           \
        } else {                                                                                      \
            check_failed++;                                                                           \
            fprintf(stderr, "%s:%d: %s returned %s, expected %s (last error: \"%s\")\n", __FILE__,    \
                    __LINE__, #call, rmos_status_name((int32_t)check_got_),                           \
                    rmos_status_name((int32_t)(expected)), rmos_last_error_message());                \
        }                                                                                             \
    } while (0)

/* Checks that a NUL-terminated string contains `needle`. */
#define CHECK_CONTAINS(haystack, needle)                                                         \
    do {                                                                                         \
        const char *check_h_ = (haystack);                                                       \
        if (check_h_ != NULL && strstr(check_h_, (needle)) != NULL) {                            \
            check_passed++;                                                                      \
        } else {                                                                                 \
            check_failed++;                                                                      \
            fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__,       \
                    check_h_ ? check_h_ : "(null)", (needle));                                   \
        }                                                                                        \
    } while (0)

/* Checks that two NUL-terminated strings are equal. */
#define CHECK_STREQ(got, want)                                                                   \
    do {                                                                                         \
        const char *check_g_ = (got);                                                            \
        const char *check_w_ = (want);                                                           \
        if (check_g_ != NULL && strcmp(check_g_, check_w_) == 0) {                               \
            check_passed++;                                                                      \
        } else {                                                                                 \
            check_failed++;                                                                      \
            fprintf(stderr, "%s:%d: got \"%s\", expected \"%s\"\n", __FILE__, __LINE__,          \
                    check_g_ ? check_g_ : "(null)", check_w_);                                   \
        }                                                                                        \
    } while (0)

/* Reads a whole file into a malloc'd, NUL-terminated buffer (the caller frees it); exits on failure. */
static inline char *read_file(const char *dir, const char *name, size_t *len_out) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = (char *)malloc((size_t)size + 1);
    if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    buf[size] = '\0';
    *len_out = (size_t)size;
    return buf;
}

/* Prints the closing line and gives the exit status. */
static inline int check_summary(const char *name) {
    int passed = check_passed, failed = check_failed;
    printf("%s: %d passed, %d failed\n", name, passed, failed);
    return failed == 0 ? 0 : 1;
}

#endif /* RMOS_TEST_CHECK_H */
