/*
 * What Python can do, C can do: a YELLOW job approved with a human's override, its program written in
 * inches, a read-back of a program RMOS did not write, and the ledger listed. Every new entry point is also
 * given each bad input it can get (NULLs, wrong handles, bad UTF-8, unknown names) and must answer with a
 * status code, never a crash. Run under ASan + UBSan + LSan by `make test-ffi`.
 *
 * Usage: parity JOBS_DIR
 */
#include "check.h"

static const char *AT = "2026-11-22T10:00:00Z";
static const char *WHO = "luthier";
static const char *WHY = "fresh 1/16 bit, runout checked, air blast on";

static RmosJob *load_job(const char *dir, const char *name) {
    size_t len = 0;
    char *text = read_file(dir, name, &len);
    RmosJob *job = NULL;
    CHECK_STATUS(rmos_job_from_json(text, len, &job), RMOS_OK);
    free(text);
    CHECK(job != NULL);
    return job;
}

/* Counts the non-overlapping occurrences of `needle` in `text`. */
static size_t count(const char *text, const char *needle) {
    size_t n = 0;
    for (const char *at = text; at != NULL && (at = strstr(at, needle)) != NULL; at += strlen(needle)) {
        n++;
    }
    return n;
}

/* The override call, then the program in inches; a bad units name is refused before anything is recorded. */
static void override_and_inch_output(const char *dir, RmosLedger *ledger) {
    RmosJob *job = load_job(dir, "guitar_top.json");
    RmosEvaluated *evaluated = NULL;
    CHECK_STATUS(rmos_evaluate(job, NULL, 0, &evaluated), RMOS_OK);
    RmosApproved *approved = NULL;
    CHECK_STATUS(rmos_approve_with_override(evaluated, ledger, RMOS_ACTOR_HUMAN, WHO, strlen(WHO), AT, strlen(AT),
                                            WHY, strlen(WHY), false, &approved, NULL, NULL),
                 RMOS_OK);
    CHECK(approved != NULL);

    uint64_t before = 0;
    CHECK_STATUS(rmos_ledger_len(ledger, &before), RMOS_OK);
    CHECK(before == 1);

    RmosProgram *program = (RmosProgram *)1; /* overwritten with NULL on failure */
    CHECK_STATUS(rmos_program_generate_with_units(approved, ledger, "grbl", 4, "cm", 2, AT, strlen(AT), &program,
                                                  NULL, NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK(program == NULL);
    CHECK_STREQ(rmos_last_error_message(), "units: unknown units \"cm\" (known: mm, inch)");
    CHECK_STATUS(rmos_program_generate_with_units(approved, ledger, "grbl", 4, NULL, 0, AT, strlen(AT), &program,
                                                  NULL, NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "units: null pointer");
    CHECK_STATUS(rmos_program_generate_with_units(approved, ledger, "grbl", 4, "\xff", 1, AT, strlen(AT), &program,
                                                  NULL, NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_program_generate_with_units(approved, ledger, "grbl", 4, "inch", 4, AT, strlen(AT), NULL,
                                                  NULL, NULL),
                 RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_program_generate_with_units((const RmosApproved *)evaluated, ledger, "grbl", 4, "inch", 4,
                                                  AT, strlen(AT), &program, NULL, NULL),
                 RMOS_INVALID_ARGUMENT);
    uint64_t after = 0;
    CHECK_STATUS(rmos_ledger_len(ledger, &after), RMOS_OK);
    CHECK(after == before); /* nothing was recorded by a call with a bad argument */

    CHECK_STATUS(rmos_program_generate_with_units(approved, ledger, "grbl", 4, "inch", 4, AT, strlen(AT), &program,
                                                  NULL, NULL),
                 RMOS_OK);
    CHECK(program != NULL);
    char *gcode = NULL;
    CHECK_STATUS(rmos_program_gcode(program, &gcode, NULL), RMOS_OK);
    CHECK_CONTAINS(gcode, "\nG90 G94 G17 G20\n");
    CHECK(strstr(gcode, "G21") == NULL);
    char *summary = NULL;
    CHECK_STATUS(rmos_program_summary_json(program, &summary, NULL), RMOS_OK);
    CHECK_CONTAINS(summary, "\"post\":\"grbl\"");
    CHECK_CONTAINS(summary, "\"seq\":1,\"post\":\"grbl\",\"units\":\"inch\",");

    /* The same approval in millimetres: the plain call is the `mm` one. */
    RmosProgram *mm = NULL;
    CHECK_STATUS(rmos_program_generate(approved, ledger, "grbl", 4, AT, strlen(AT), &mm, NULL, NULL), RMOS_OK);
    char *mm_summary = NULL;
    CHECK_STATUS(rmos_program_summary_json(mm, &mm_summary, NULL), RMOS_OK);
    CHECK_CONTAINS(mm_summary, "\"seq\":2,\"post\":\"grbl\",\"units\":\"mm\",");

    CHECK_STATUS(rmos_string_free(mm_summary), RMOS_OK);
    CHECK_STATUS(rmos_program_free(mm), RMOS_OK);
    CHECK_STATUS(rmos_string_free(summary), RMOS_OK);
    CHECK_STATUS(rmos_string_free(gcode), RMOS_OK);
    CHECK_STATUS(rmos_program_free(program), RMOS_OK);
    CHECK_STATUS(rmos_approved_free(approved), RMOS_OK);
    CHECK_STATUS(rmos_evaluated_free(evaluated), RMOS_OK);
    CHECK_STATUS(rmos_job_free(job), RMOS_OK);
}

/* A hand-written program held against the job: the rapid into the stock is found on its line. */
static void check_gcode_reads_an_outside_program(const char *dir) {
    RmosJob *job = load_job(dir, "guitar_top.json");
    const char *hand = "G21 G90\nG0 X230 Y210 Z-1\nM30\n";
    char *report = NULL;
    size_t report_len = 0;
    CHECK_STATUS(rmos_check_gcode(job, hand, strlen(hand), NULL, 0, &report, &report_len), RMOS_OK);
    CHECK(report != NULL && strlen(report) == report_len);
    CHECK_CONTAINS(report, "\"code\":\"RB_RAPID_LOW\"");
    CHECK_CONTAINS(report, "\"operation\":null,\"line\":2}");
    CHECK_CONTAINS(report, "{\"passed\":false,\"bucket\":\"RED\",\"findings\":[");
    CHECK_CONTAINS(report, "\"post\":null,");
    CHECK_CONTAINS(report, "\"engine\":\"rmos.readback/");
    CHECK_STATUS(rmos_string_free(report), RMOS_OK);

    CHECK_STATUS(rmos_check_gcode(job, hand, strlen(hand), "GRBL", 4, &report, NULL), RMOS_OK);
    CHECK_CONTAINS(report, "\"post\":\"grbl\"");
    CHECK_STATUS(rmos_string_free(report), RMOS_OK);

    /* Bad inputs: a status code each, and no report. */
    report = (char *)"sentinel";
    CHECK_STATUS(rmos_check_gcode(job, hand, strlen(hand), "haas", 4, &report, NULL), RMOS_INVALID_ARGUMENT);
    CHECK(report == NULL);
    CHECK_CONTAINS(rmos_last_error_message(), "post: unknown post \"haas\"");
    CHECK_STATUS(rmos_check_gcode(job, NULL, 0, NULL, 0, &report, NULL), RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "gcode: null pointer");
    CHECK_STATUS(rmos_check_gcode(job, "G0 X\xff\n", 6, NULL, 0, &report, NULL), RMOS_INVALID_ARGUMENT);
    CHECK_CONTAINS(rmos_last_error_message(), "gcode: not valid UTF-8");
    CHECK_STATUS(rmos_check_gcode(NULL, hand, strlen(hand), NULL, 0, &report, NULL), RMOS_INVALID_ARGUMENT);
    CHECK_STATUS(rmos_check_gcode(job, hand, strlen(hand), NULL, 0, NULL, NULL), RMOS_INVALID_ARGUMENT);
    CHECK_STREQ(rmos_last_error_message(), "report_out: null out-pointer");
    CHECK(report == NULL);

    CHECK_STATUS(rmos_job_free(job), RMOS_OK);
    /* A freed job is refused, not read. */
    CHECK_STATUS(rmos_check_gcode(job, hand, strlen(hand), NULL, 0, &report, NULL), RMOS_INVALID_ARGUMENT);
    CHECK(report == NULL);
}

/* The ledger listed: one canonical artifact per seq, in order; an empty ledger is []. */
static void ledger_lists_its_artifacts(RmosLedger *ledger) {
    RmosLedger *empty = NULL;
    CHECK_STATUS(rmos_ledger_memory(&empty), RMOS_OK);
    char *json = NULL;
    size_t json_len = 0;
    CHECK_STATUS(rmos_ledger_artifacts_json(empty, &json, &json_len), RMOS_OK);
    CHECK_STREQ(json, "[]");
    CHECK(json_len == 2);
    CHECK_STATUS(rmos_string_free(json), RMOS_OK);
    CHECK_STATUS(rmos_ledger_free(empty), RMOS_OK);

    uint64_t len = 0;
    CHECK_STATUS(rmos_ledger_len(ledger, &len), RMOS_OK);
    CHECK_STATUS(rmos_ledger_artifacts_json(ledger, &json, &json_len), RMOS_OK);
    CHECK(json != NULL && strlen(json) == json_len && json[0] == '[' && json[json_len - 1] == ']');
    CHECK(count(json, "\"schema\":\"rmos.run/1\"") == len);
    CHECK_CONTAINS(json, "\"kind\":\"approval\"");
    CHECK_CONTAINS(json, "\"kind\":\"toolpath\"");
    const char *seq0 = strstr(json, "\"seq\":0,");
    const char *seq2 = strstr(json, "\"seq\":2,");
    CHECK(seq0 != NULL && seq2 != NULL && seq0 < seq2);
    CHECK_STATUS(rmos_string_free(json), RMOS_OK);

    json = (char *)"sentinel";
    CHECK_STATUS(rmos_ledger_artifacts_json(NULL, &json, NULL), RMOS_INVALID_ARGUMENT);
    CHECK(json == NULL);
    CHECK_STATUS(rmos_ledger_artifacts_json(ledger, NULL, NULL), RMOS_INVALID_ARGUMENT);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: parity JOBS_DIR\n");
        return 2;
    }
    RmosLedger *ledger = NULL;
    CHECK_STATUS(rmos_ledger_memory(&ledger), RMOS_OK);
    override_and_inch_output(argv[1], ledger);
    check_gcode_reads_an_outside_program(argv[1]);
    ledger_lists_its_artifacts(ledger);
    CHECK_STATUS(rmos_ledger_free(ledger), RMOS_OK);
    return check_summary("ffi-parity");
}
