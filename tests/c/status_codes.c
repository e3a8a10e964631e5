/*
 * Every status code of rmos.h provoked through the C ABI (RMOS_TAMPERED by editing a durable ledger's file,
 * RMOS_STORE by opening what is not one, RMOS_INTERNAL through the testing build's deliberate panics, one of
 * them holding a ledger), and
 * every kind of bad input refused without a crash: NULL pointers, bad JSON, invalid UTF-8, wrong handle kinds, double frees, garbage pointers, an
 * unknown actor kind. An AI actor is refused. A 100 MB job document is refused on its length.
 *
 * Usage: status_codes JOBS_DIR SCRATCH_DIR
 */
#include <stdint.h>
#include <time.h>

#include "check.h"

static const char *AT = "2026-11-22T10:00:00Z";
static const char *WHO = "luthier";

static RmosJob *load_job(const char *dir, const char *name) {
    size_t len = 0;
    char *text = read_file(dir, name, &len);
    RmosJob *job = NULL;
    CHECK_STATUS(rmos_job_from_json(text, len, &job), RMOS_OK);
    free(text);
    return job;
}

static RmosEvaluated *evaluate(RmosJob *job) {
    RmosEvaluated *evaluated = NULL;
    CHECK_STATUS(rmos_evaluate(job, NULL, 0, &evaluated), RMOS_OK);
    return evaluated;
}

/* RMOS_INVALID_JOB: not JSON, not a job, a field out of range, a document over 8 MiB. */
static void invalid_jobs(const char *dir) {
    RmosJob *job = (RmosJob *)&job; /* a garbage value the call must overwrite with NULL */
    CHECK_STATUS(rmos_job_from_json("{", 1, &job), RMOS_INVALID_JOB);
    CHECK(job == NULL);
    CHECK_CONTAINS(rmos_last_error_message(), "$: ");

    CHECK_STATUS(rmos_job_from_json("{}", 2, &job), RMOS_INVALID_JOB);
    CHECK_CONTAINS(rmos_last_error_message(), "machine");

    CHECK_STATUS(rmos_job_from_json("", 0, &job), RMOS_INVALID_JOB);

    size_t len = 0;
    char *text = read_file(dir, "guitar_top.json", &len);
    char *depth = strstr(text, "\"depth_mm\": 0.9");
    CHECK(depth != NULL);
    if (depth != NULL) {
        memcpy(depth, "\"depth_mm\": -1 ", 15);
        CHECK_STATUS(rmos_job_from_json(text, len, &job), RMOS_INVALID_JOB);
        CHECK_STREQ(rmos_last_error_message(), "operations[0].depth_mm: must be > 0");
    }
    free(text);

    /* 100 MB: refused on its length alone, before a byte of it is read. */
    size_t big = 100u * 1024u * 1024u;
    char *huge = (char *)malloc(big);
    CHECK(huge != NULL);
    if (huge != NULL) {
        memset(huge, ' ', big);
        huge[0] = '{';
        huge[big - 1] = '}';
        clock_t start = clock();
        CHECK_STATUS(rmos_job_from_json(huge, big, &job), RMOS_INVALID_ARGUMENT);
        double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
        CHECK(job == NULL);
        CHECK_STREQ(rmos_last_error_message(), "job_json: length 104857600 is over the 8388608-byte limit");
        printf("  a 100 MB job document was refused in %.3f s: %s\n", seconds, rmos_last_error_message());
        free(huge);
    }
}

/* RMOS_INVALID_ARGUMENT: NULL pointers, invalid UTF-8, lengths no buffer has, bad policies. */
static void invalid_arguments(const char *dir) {
    RmosJob *job = NULL;
    CHECK_STATUS(rmos_job_from_json(NULL, 10, &job), RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "job_json: null pointer");
    CHECK_STATUS(rmos_job_from_json("{}", 2, NULL), RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "job_out: null out-pointer");
    CHECK_STATUS(rmos_job_from_json("{}", SIZE_MAX, &job), RMOS_INVALID_ARGUMENT);
    CHECK_CONTAINS(rmos_last_error_message(), "job_json: length");

    const char bad_utf8[] = "{\"machine\": \"\xff\xfe\"}";
    CHECK_STATUS(rmos_job_from_json(bad_utf8, sizeof bad_utf8 - 1, &job), RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "job_json: not valid UTF-8 (the byte at offset 13 is not)");
    CHECK(job == NULL);

    RmosEvaluated *evaluated = NULL;
    CHECK_STATUS(rmos_evaluate(NULL, NULL, 0, &evaluated), RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "job: null handle");

    job = load_job(dir, "maple_neck_truss_rod.json");
    const char *policy = "{\"allow_red_override\": 3}";
    CHECK_STATUS(rmos_evaluate(job, policy, strlen(policy), &evaluated), RMOS_INVALID_ARGUMENT);
    CHECK_CONTAINS(rmos_last_error_message(), "policy_json: allow_red_override");
    CHECK(evaluated == NULL);
    policy = "{\"no_such_rule\": true}";
    CHECK_STATUS(rmos_evaluate(job, policy, strlen(policy), &evaluated), RMOS_INVALID_ARGUMENT);
    policy = "not json";
    CHECK_STATUS(rmos_evaluate(job, policy, strlen(policy), &evaluated), RMOS_INVALID_ARGUMENT);
    policy = "{\"min_override_reason_chars\": 40}";
    CHECK_STATUS(rmos_evaluate(job, policy, strlen(policy), &evaluated), RMOS_OK);
    CHECK_STREQ(rmos_last_error_message(), "");

    RmosLedger *ledger = NULL;
    CHECK_STATUS(rmos_ledger_memory(&ledger), RMOS_OK);
    RmosApproved *approved = NULL;
    CHECK_STATUS(rmos_approve(evaluated, ledger, 0, WHO, strlen(WHO), AT, strlen(AT), &approved, NULL, NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK_CONTAINS(rmos_last_error_message(), "actor_kind: 0 is not an actor kind");
    CHECK_STATUS(rmos_approve(evaluated, ledger, 99, WHO, strlen(WHO), AT, strlen(AT), &approved, NULL, NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_approve(evaluated, ledger, RMOS_ACTOR_HUMAN, "\xc3", 1, AT, strlen(AT), &approved, NULL,
                              NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "actor_id: not valid UTF-8 (the byte at offset 0 is not)");
    CHECK_STATUS(rmos_approve(evaluated, ledger, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), NULL, 0, &approved, NULL,
                              NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_approve(evaluated, NULL, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT, strlen(AT), &approved,
                              NULL, NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "ledger: null handle");
    CHECK_STATUS(rmos_approve(evaluated, ledger, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT, strlen(AT), NULL, NULL,
                              NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_approve_with_override(evaluated, ledger, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT,
                                            strlen(AT), NULL, 5, false, &approved, NULL, NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "reason: null pointer");

    /* Nothing above reached the ledger. */
    uint64_t len = 99;
    CHECK_STATUS(rmos_ledger_len(ledger, &len), RMOS_OK);
    CHECK(len == 0);
    CHECK_STATUS(rmos_ledger_len(ledger, NULL), RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_evaluated_bucket(evaluated, NULL), RMOS_INVALID_ARGUMENT);
    RmosBucket bucket = RMOS_BUCKET_GREEN;
    CHECK_STATUS(rmos_evaluated_bucket(NULL, &bucket), RMOS_INVALID_ARGUMENT);
    CHECK(bucket == RMOS_BUCKET_RED); /* a failed call never reads as a safe job */
    CHECK_STATUS(rmos_evaluated_report_json(evaluated, NULL, NULL), RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_ledger_memory(NULL), RMOS_INVALID_ARGUMENT);

    CHECK_STATUS(rmos_ledger_free(ledger), RMOS_OK);
    CHECK_STATUS(rmos_evaluated_free(evaluated), RMOS_OK);
    CHECK_STATUS(rmos_job_free(job), RMOS_OK);
}

/* Wrong handle kinds, double frees and pointers rmos never made: reported, never dereferenced. */
static void wrong_and_dead_handles(const char *dir) {
    RmosJob *job = load_job(dir, "maple_neck_truss_rod.json");
    RmosEvaluated *evaluated = evaluate(job);
    RmosLedger *ledger = NULL;
    CHECK_STATUS(rmos_ledger_memory(&ledger), RMOS_OK);

    /* A ledger where a job belongs, a job where an evaluation belongs. */
    RmosEvaluated *out = NULL;
    CHECK_STATUS(rmos_evaluate((const RmosJob *)ledger, NULL, 0, &out), RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "job: is an RmosLedger, expected an RmosJob");
    RmosApproved *approved = NULL;
    CHECK_STATUS(rmos_approve((const RmosEvaluated *)job, ledger, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT,
                              strlen(AT), &approved, NULL, NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "evaluated: is an RmosJob, expected an RmosEvaluated");
    CHECK_STATUS(rmos_approve(evaluated, (RmosLedger *)evaluated, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT,
                              strlen(AT), &approved, NULL, NULL),
                 RMOS_INVALID_ARGUMENT);

    /* Freeing with the wrong function frees nothing: the handle still works. */
    CHECK_STATUS(rmos_evaluated_free((RmosEvaluated *)job), RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_ledger_free((RmosLedger *)job), RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_approved_free((RmosApproved *)job), RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_string_free((char *)job), RMOS_INVALID_ARGUMENT);
    CHECK_CONTAINS(rmos_last_error_message(), "is an RmosJob handle, not a string from rmos");
    CHECK_STATUS(rmos_job_free((RmosJob *)ledger), RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_evaluate(job, NULL, 0, &out), RMOS_OK);
    CHECK_STATUS(rmos_evaluated_free(out), RMOS_OK);

    /* A freed handle, and a double free. */
    CHECK_STATUS(rmos_job_free(job), RMOS_OK);
    CHECK_STATUS(rmos_evaluate(job, NULL, 0, &out), RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "job: not a live RmosJob (already freed, or not made by rmos)");
    CHECK_STATUS(rmos_job_free(job), RMOS_INVALID_ARGUMENT);

    /* Pointers rmos never made: a stack address, a heap block, a string of the host's. */
    int on_stack = 0;
    CHECK_STATUS(rmos_evaluate((const RmosJob *)&on_stack, NULL, 0, &out), RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_job_free((RmosJob *)&on_stack), RMOS_INVALID_ARGUMENT);
    void *block = malloc(64);
    CHECK_STATUS(rmos_ledger_free((RmosLedger *)block), RMOS_INVALID_ARGUMENT);
    free(block);
    char mine[] = "not from rmos";
    CHECK_STATUS(rmos_string_free(mine), RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "string: not a live string (already freed, or not made by rmos)");

    /* A string freed twice; a string passed where a handle belongs. */
    char *report = NULL;
    CHECK_STATUS(rmos_evaluated_report_json(evaluated, &report, NULL), RMOS_OK);
    CHECK_STATUS(rmos_evaluated_free((RmosEvaluated *)report), RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_string_free(report), RMOS_OK);
    CHECK_STATUS(rmos_string_free(report), RMOS_INVALID_ARGUMENT);

    /* NULL is a no-op for every free. */
    CHECK_STATUS(rmos_job_free(NULL), RMOS_OK);
    CHECK_STATUS(rmos_evaluated_free(NULL), RMOS_OK);
    CHECK_STATUS(rmos_approved_free(NULL), RMOS_OK);
    CHECK_STATUS(rmos_program_free(NULL), RMOS_OK);
    CHECK_STATUS(rmos_ledger_free(NULL), RMOS_OK);
    CHECK_STATUS(rmos_string_free(NULL), RMOS_OK);

    CHECK_STATUS(rmos_evaluated_free(evaluated), RMOS_OK);
    CHECK_STATUS(rmos_ledger_free(ledger), RMOS_OK);
}

/* RMOS_BLOCKED: a YELLOW job without an override, a RED job, an AI actor, a service, a bad timestamp. */
static void blocked(const char *dir) {
    RmosLedger *ledger = NULL;
    CHECK_STATUS(rmos_ledger_memory(&ledger), RMOS_OK);
    RmosJob *green_job = load_job(dir, "maple_neck_truss_rod.json");
    RmosJob *red_job = load_job(dir, "ebony_fretboard_rushed.json");
    RmosEvaluated *green = evaluate(green_job);
    RmosEvaluated *red = evaluate(red_job);
    RmosBucket bucket = RMOS_BUCKET_GREEN;
    CHECK_STATUS(rmos_evaluated_bucket(red, &bucket), RMOS_OK);
    CHECK(bucket == RMOS_BUCKET_RED);

    /* The AI actor is refused, even on a GREEN job, and even with an override; the refusal is recorded. */
    const char *ai = "assistant";
    RmosApproved *approved = NULL;
    char *refusal = NULL;
    CHECK_STATUS(rmos_approve(green, ledger, RMOS_ACTOR_AI, ai, strlen(ai), AT, strlen(AT), &approved, &refusal,
                              NULL),
                 RMOS_BLOCKED);
    CHECK(approved == NULL);
    CHECK_STREQ(rmos_last_error_message(), "approval blocked: ai actor \"assistant\" may not approve");
    CHECK_CONTAINS(refusal, "{\"status\":\"BLOCKED\",\"artifact_id\":\"sha256:");
    CHECK_CONTAINS(refusal, "\"reasons\":[\"ai actor \\\"assistant\\\" may not approve\"]");
    CHECK_STATUS(rmos_string_free(refusal), RMOS_OK);
    const char *why = "the model is very sure about this one";
    CHECK_STATUS(rmos_approve_with_override(green, ledger, RMOS_ACTOR_AI, ai, strlen(ai), AT, strlen(AT), why,
                                            strlen(why), true, &approved, NULL, NULL),
                 RMOS_BLOCKED);
    CHECK(approved == NULL);

    /* A service may not approve under the default policy. */
    const char *svc = "batch-cam";
    CHECK_STATUS(rmos_approve(green, ledger, RMOS_ACTOR_SERVICE, svc, strlen(svc), AT, strlen(AT), &approved,
                              NULL, NULL),
                 RMOS_BLOCKED);

    /* RED: never without an enabled RED override, even acknowledged. */
    CHECK_STATUS(rmos_approve_with_override(red, ledger, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT, strlen(AT), why,
                                            strlen(why), true, &approved, NULL, NULL),
                 RMOS_BLOCKED);
    CHECK_CONTAINS(rmos_last_error_message(), "policy does not enable RED overrides");

    /* A YELLOW override reason shorter than the policy's minimum. */
    RmosJob *yellow_job = load_job(dir, "guitar_top.json");
    RmosEvaluated *yellow = evaluate(yellow_job);
    CHECK_STATUS(rmos_approve_with_override(yellow, ledger, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT, strlen(AT),
                                            "ok", 2, false, &approved, NULL, NULL),
                 RMOS_BLOCKED);

    /* A timestamp that is not RFC 3339 UTC: recorded as an ERROR attempt. */
    const char *local = "22/11/2026 10:00";
    CHECK_STATUS(rmos_approve(green, ledger, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), local, strlen(local), &approved,
                              &refusal, NULL),
                 RMOS_BLOCKED);
    CHECK_CONTAINS(refusal, "{\"status\":\"ERROR\",\"artifact_id\":\"sha256:");
    CHECK_CONTAINS(rmos_last_error_message(), "is not an RFC 3339 UTC timestamp");
    CHECK_STATUS(rmos_string_free(refusal), RMOS_OK);

    /* No program without an approval: an evaluation is not one. */
    RmosProgram *program = NULL;
    const char *grbl = "grbl";
    CHECK_STATUS(rmos_program_generate((const RmosApproved *)green, ledger, grbl, 4, AT, strlen(AT), &program,
                                       NULL, NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "approved: is an RmosEvaluated, expected an RmosApproved");
    CHECK(program == NULL);

    /* A human approves, but this policy lets nobody produce G-code: the release is blocked and recorded. */
    const char *no_emit = "{\"grants\": [{\"kind\": \"human\", \"capabilities\": [\"approve\"]}]}";
    RmosEvaluated *strict = NULL;
    CHECK_STATUS(rmos_evaluate(green_job, no_emit, strlen(no_emit), &strict), RMOS_OK);
    CHECK_STATUS(rmos_approve(strict, ledger, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT, strlen(AT), &approved,
                              NULL, NULL),
                 RMOS_OK);
    CHECK_STATUS(rmos_program_generate(approved, ledger, grbl, 4, AT, strlen(AT), &program, &refusal, NULL),
                 RMOS_BLOCKED);
    CHECK(program == NULL);
    CHECK_CONTAINS(refusal, "{\"status\":\"BLOCKED\",\"artifact_id\":\"sha256:");
    CHECK_CONTAINS(refusal, "\"reasons\":[\"human actor \\\"luthier\\\" may not produce G-code\"]}");
    CHECK_STREQ(rmos_last_error_message(), "not permitted: human actor \"luthier\" may not produce G-code");
    CHECK_STATUS(rmos_string_free(refusal), RMOS_OK);
    CHECK_STATUS(rmos_approved_free(approved), RMOS_OK);
    CHECK_STATUS(rmos_evaluated_free(strict), RMOS_OK);

    /* An unknown post is the host's mistake (nothing recorded); a bad timestamp is recorded as an ERROR. */
    CHECK_STATUS(rmos_approve(green, ledger, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT, strlen(AT), &approved, NULL,
                              NULL),
                 RMOS_OK);
    const char *heidenhain = "heidenhain";
    CHECK_STATUS(rmos_program_generate(approved, ledger, heidenhain, strlen(heidenhain), AT, strlen(AT), &program,
                                       NULL, NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(),
                "post: unknown post \"heidenhain\" (known: grbl, linuxcnc, mach3, fanuc)");
    CHECK_STATUS(rmos_program_generate(approved, ledger, grbl, 4, local, strlen(local), &program, &refusal, NULL),
                 RMOS_BLOCKED);
    CHECK_CONTAINS(refusal, "{\"status\":\"ERROR\",\"artifact_id\":\"sha256:");
    CHECK_STATUS(rmos_string_free(refusal), RMOS_OK);
    CHECK_STATUS(rmos_program_free((RmosProgram *)approved), RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_approved_free(approved), RMOS_OK);

    /* Every refused attempt is in the ledger, and it verifies: six approval attempts, the strict policy's
     * approval and its blocked release, the last approval and its failed release. */
    uint64_t len = 0;
    CHECK_STATUS(rmos_ledger_len(ledger, &len), RMOS_OK);
    CHECK(len == 10);
    CHECK_STATUS(rmos_ledger_verify(ledger, NULL, NULL), RMOS_OK);

    CHECK_STATUS(rmos_evaluated_free(yellow), RMOS_OK);
    CHECK_STATUS(rmos_job_free(yellow_job), RMOS_OK);
    CHECK_STATUS(rmos_evaluated_free(red), RMOS_OK);
    CHECK_STATUS(rmos_evaluated_free(green), RMOS_OK);
    CHECK_STATUS(rmos_job_free(red_job), RMOS_OK);
    CHECK_STATUS(rmos_job_free(green_job), RMOS_OK);
    CHECK_STATUS(rmos_ledger_free(ledger), RMOS_OK);
}

/* Replaces the first `from` in the file at `path` with `to` (same length); returns whether it was found. */
static int patch_file(const char *path, const char *from, const char *to) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return 0;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = (char *)malloc((size_t)size);
    size_t got = buf != NULL ? fread(buf, 1, (size_t)size, f) : 0;
    fclose(f);
    int found = 0;
    size_t n = strlen(from);
    for (size_t i = 0; got == (size_t)size && i + n <= got; i++) {
        if (memcmp(buf + i, from, n) == 0) {
            memcpy(buf + i, to, n);
            found = 1;
            break;
        }
    }
    if (found) {
        f = fopen(path, "wb");
        found = f != NULL && fwrite(buf, 1, got, f) == got;
        if (f != NULL) {
            fclose(f);
        }
    }
    free(buf);
    return found;
}

/* A durable ledger: what is recorded survives closing it; RMOS_TAMPERED when its bytes are edited behind
 * RMOS's back; RMOS_STORE when it cannot be opened. */
static void durable_ledger(const char *dir, const char *scratch) {
    char path[4096];
    snprintf(path, sizeof path, "%s/status_codes.rmos", scratch);
    remove(path);
    RmosLedger *ledger = NULL;
    CHECK_STATUS(rmos_ledger_open(path, strlen(path), &ledger), RMOS_OK);
    RmosJob *job = load_job(dir, "maple_neck_truss_rod.json");
    RmosEvaluated *evaluated = evaluate(job);
    RmosApproved *approved = NULL;
    CHECK_STATUS(rmos_approve(evaluated, ledger, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT, strlen(AT), &approved,
                              NULL, NULL),
                 RMOS_OK);
    RmosProgram *program = NULL;
    CHECK_STATUS(rmos_program_generate(approved, ledger, "linuxcnc", 8, AT, strlen(AT), &program, NULL, NULL),
                 RMOS_OK);
    CHECK_STATUS(rmos_ledger_free(ledger), RMOS_OK);

    /* Reopened: both artifacts are there and verify. */
    CHECK_STATUS(rmos_ledger_open(path, strlen(path), &ledger), RMOS_OK);
    uint64_t len = 0;
    CHECK_STATUS(rmos_ledger_len(ledger, &len), RMOS_OK);
    CHECK(len == 2);
    CHECK_STATUS(rmos_ledger_verify(ledger, NULL, NULL), RMOS_OK);
    CHECK_STATUS(rmos_ledger_free(ledger), RMOS_OK);

    /* Someone edits the program's artifact in the file (its post): the chain no longer verifies, and the
     * message names the seq. */
    CHECK(patch_file(path, "\"post\":\"linuxcnc\"", "\"post\":\"linuxcnd\""));
    CHECK_STATUS(rmos_ledger_open(path, strlen(path), &ledger), RMOS_OK);
    char *detail = NULL;
    CHECK_STATUS(rmos_ledger_verify(ledger, &detail, NULL), RMOS_TAMPERED);
    CHECK_CONTAINS(rmos_last_error_message(), "ledger tampered: seq 1: content address mismatch");
    CHECK_CONTAINS(detail, "{\"verified\":false,\"seq\":1,\"reason\":\"content address mismatch");
    CHECK_STATUS(rmos_string_free(detail), RMOS_OK);
    CHECK_STATUS(rmos_ledger_free(ledger), RMOS_OK);

    /* A directory that does not exist, and a file that is not a ledger. */
    char missing[4096];
    snprintf(missing, sizeof missing, "%s/no-such-directory/shop.rmos", scratch);
    ledger = (RmosLedger *)&ledger;
    CHECK_STATUS(rmos_ledger_open(missing, strlen(missing), &ledger), RMOS_STORE);
    CHECK(ledger == NULL);
    CHECK_CONTAINS(rmos_last_error_message(), "no-such-directory/shop.rmos: unable to open database file");
    char not_ledger[4096];
    snprintf(not_ledger, sizeof not_ledger, "%s/maple_neck_truss_rod.json", dir);
    CHECK_STATUS(rmos_ledger_open(not_ledger, strlen(not_ledger), &ledger), RMOS_STORE);
    CHECK_CONTAINS(rmos_last_error_message(), "maple_neck_truss_rod.json: not an rmos ledger");
    CHECK_STATUS(rmos_ledger_open(NULL, 3, &ledger), RMOS_INVALID_ARGUMENT);

    /* The program and approval outlive the closed ledger. */
    char *gcode = NULL;
    CHECK_STATUS(rmos_program_gcode(program, &gcode, NULL), RMOS_OK);
    CHECK_CONTAINS(gcode, "(rmos program for linuxcnc)");
    CHECK_STATUS(rmos_string_free(gcode), RMOS_OK);
    CHECK_STATUS(rmos_program_free(program), RMOS_OK);
    CHECK_STATUS(rmos_approved_free(approved), RMOS_OK);
    CHECK_STATUS(rmos_evaluated_free(evaluated), RMOS_OK);
    CHECK_STATUS(rmos_job_free(job), RMOS_OK);
}

/* RMOS_INTERNAL: a panic inside the library is caught at the boundary, and the library goes on working. */
static void internal(void) {
    CHECK_STATUS(rmos_testing_panic(), RMOS_INTERNAL);
    CHECK_STREQ(rmos_last_error_message(),
                "internal error: panic caught at the C boundary: rmos_testing_panic was called");
    RmosLedger *ledger = NULL;
    CHECK_STATUS(rmos_ledger_memory(&ledger), RMOS_OK);
    CHECK_STATUS(rmos_ledger_free(ledger), RMOS_OK);
}

/* After a panic while a call held a ledger's lock, the one rule of rmos_store::SharedLedger: the next call
 * verifies the ledger; one that verifies is used as before, one that does not is refused for good. */
static void poisoned_ledger(const char *dir) {
    RmosJob *job = load_job(dir, "maple_neck_truss_rod.json");
    RmosEvaluated *evaluated = evaluate(job);
    RmosLedger *ledgers[2] = {NULL, NULL};
    for (int corrupt = 0; corrupt < 2; corrupt++) {
        RmosLedger **ledger = &ledgers[corrupt];
        CHECK_STATUS(rmos_ledger_memory(ledger), RMOS_OK);
        RmosApproved *approved = NULL;
        CHECK_STATUS(rmos_approve(evaluated, *ledger, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT, strlen(AT),
                                  &approved, NULL, NULL),
                     RMOS_OK);
        CHECK_STATUS(rmos_approved_free(approved), RMOS_OK);
        CHECK_STATUS(rmos_testing_panic_holding_ledger(*ledger, corrupt), RMOS_INTERNAL);
        CHECK_STREQ(rmos_last_error_message(),
                    "internal error: panic caught at the C boundary: rmos_testing_panic_holding_ledger was called");
    }

    /* Intact after the panic: taken over, and it goes on recording. */
    uint64_t len = 0;
    CHECK_STATUS(rmos_ledger_len(ledgers[0], &len), RMOS_OK);
    CHECK(len == 1);
    RmosApproved *approved = NULL;
    CHECK_STATUS(rmos_approve(evaluated, ledgers[0], RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT, strlen(AT), &approved,
                              NULL, NULL),
                 RMOS_OK);
    CHECK_STATUS(rmos_approved_free(approved), RMOS_OK);
    CHECK_STATUS(rmos_ledger_verify(ledgers[0], NULL, NULL), RMOS_OK);
    CHECK_STATUS(rmos_ledger_len(ledgers[0], &len), RMOS_OK);
    CHECK(len == 2);

    /* Broken by the panic: every call is refused, every time, and nothing is appended. */
    for (int attempt = 0; attempt < 2; attempt++) {
        len = 7;
        CHECK_STATUS(rmos_ledger_len(ledgers[1], &len), RMOS_INTERNAL);
        CHECK(len == 0);
        CHECK_CONTAINS(rmos_last_error_message(),
                       "internal error: ledger is unusable: a call panicked while holding it and it no longer "
                       "verifies: ledger does not verify: seq 0: ");
        CHECK_STATUS(rmos_ledger_verify(ledgers[1], NULL, NULL), RMOS_INTERNAL);
        approved = (RmosApproved *)&approved;
        CHECK_STATUS(rmos_approve(evaluated, ledgers[1], RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT, strlen(AT),
                                  &approved, NULL, NULL),
                     RMOS_INTERNAL);
        CHECK(approved == NULL);
    }

    /* What the testing entry point refuses: not a ledger; corrupting an empty ledger. */
    CHECK_STATUS(rmos_testing_panic_holding_ledger((const RmosLedger *)job, false), RMOS_INVALID_ARGUMENT);
    CHECK_CONTAINS(rmos_last_error_message(), "ledger: is an RmosJob, expected an RmosLedger");
    RmosLedger *empty = NULL;
    CHECK_STATUS(rmos_ledger_memory(&empty), RMOS_OK);
    CHECK_STATUS(rmos_testing_panic_holding_ledger(empty, true), RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "corrupt: the ledger holds no artifact");
    CHECK_STATUS(rmos_ledger_verify(empty, NULL, NULL), RMOS_OK);

    CHECK_STATUS(rmos_ledger_free(empty), RMOS_OK);
    CHECK_STATUS(rmos_ledger_free(ledgers[0]), RMOS_OK);
    CHECK_STATUS(rmos_ledger_free(ledgers[1]), RMOS_OK);
    CHECK_STATUS(rmos_evaluated_free(evaluated), RMOS_OK);
    CHECK_STATUS(rmos_job_free(job), RMOS_OK);
}

static void status_names(void) {
    const char *names[] = {"RMOS_OK",       "RMOS_INVALID_ARGUMENT", "RMOS_INVALID_JOB", "RMOS_BLOCKED",
                           "RMOS_TAMPERED", "RMOS_STORE",            "RMOS_INTERNAL"};
    RmosStatus codes[] = {RMOS_OK,       RMOS_INVALID_ARGUMENT, RMOS_INVALID_JOB, RMOS_BLOCKED,
                          RMOS_TAMPERED, RMOS_STORE,            RMOS_INTERNAL};
    for (int i = 0; i < 7; i++) {
        CHECK((int)codes[i] == i); /* the numbers are fixed */
        CHECK_STREQ(rmos_status_name(codes[i]), names[i]);
    }
    CHECK_STREQ(rmos_status_name(7), "RMOS_UNKNOWN_STATUS");
    CHECK_STREQ(rmos_status_name(-1), "RMOS_UNKNOWN_STATUS");
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s JOBS_DIR SCRATCH_DIR\n", argv[0]);
        return 2;
    }
    status_names();
    invalid_jobs(argv[1]);
    invalid_arguments(argv[1]);
    wrong_and_dead_handles(argv[1]);
    blocked(argv[1]);
    durable_ledger(argv[1], argv[2]);
    internal();
    poisoned_ledger(argv[1]);
    return check_summary("ffi-status-codes");
}
