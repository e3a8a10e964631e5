/*
 * The happy path through rmos.h, in C: read jobs, evaluate, approve (plainly and with a human's override),
 * generate the G-code from the approval, read the artifacts back and verify the ledger. Every handle and string is freed, so LeakSanitizer checks
 * ownership as documented in the header.
 *
 * Usage: happy_path JOBS_DIR
 */
#include "check.h"

static const char *AT = "2026-11-22T10:00:00Z";

static RmosJob *load_job(const char *dir, const char *name) {
    size_t len = 0;
    char *text = read_file(dir, name, &len);
    RmosJob *job = NULL;
    CHECK_STATUS(rmos_job_from_json(text, len, &job), RMOS_OK);
    free(text); /* the library keeps no pointer into the text */
    CHECK(job != NULL);
    return job;
}

static void version_matches_the_header(void) {
    char want[64];
    snprintf(want, sizeof want, "rmos %d.%d.%d (schema rmos.run/1)", RMOS_VERSION_MAJOR, RMOS_VERSION_MINOR,
             RMOS_VERSION_PATCH);
    CHECK_STREQ(rmos_version(), want);
    CHECK_STREQ(rmos_status_name(RMOS_OK), "RMOS_OK");
    CHECK_STREQ(rmos_status_name(RMOS_INTERNAL), "RMOS_INTERNAL");
}

/* A GREEN job: a human approves it without an override. */
static void green_job_approves(const char *dir, RmosLedger *ledger) {
    RmosJob *job = load_job(dir, "maple_neck_truss_rod.json");
    RmosEvaluated *evaluated = NULL;
    CHECK_STATUS(rmos_evaluate(job, NULL, 0, &evaluated), RMOS_OK);
    CHECK_STREQ(rmos_last_error_message(), "");
    /* The evaluation does not depend on the job handle. */
    CHECK_STATUS(rmos_job_free(job), RMOS_OK);

    RmosBucket bucket = RMOS_BUCKET_RED;
    CHECK_STATUS(rmos_evaluated_bucket(evaluated, &bucket), RMOS_OK);
    CHECK(bucket == RMOS_BUCKET_GREEN);

    char *report = NULL;
    size_t report_len = 0;
    CHECK_STATUS(rmos_evaluated_report_json(evaluated, &report, &report_len), RMOS_OK);
    CHECK(report != NULL && strlen(report) == report_len);
    CHECK_CONTAINS(report, "{\"bucket\":\"GREEN\",\"score\":100.0,\"findings\":[]");
    CHECK_CONTAINS(report, "\"engine\":\"rmos.feasibility/");
    CHECK_STATUS(rmos_string_free(report), RMOS_OK);

    const char *who = "luthier";
    RmosApproved *approved = NULL;
    char *refusal = (char *)"sentinel";
    CHECK_STATUS(rmos_approve(evaluated, ledger, RMOS_ACTOR_HUMAN, who, strlen(who), AT, strlen(AT), &approved,
                              &refusal, NULL),
                 RMOS_OK);
    CHECK(approved != NULL);
    CHECK(refusal == NULL); /* set to NULL: there is no refusal */

    char *id = NULL;
    size_t id_len = 0;
    CHECK_STATUS(rmos_approved_artifact_id(approved, &id, &id_len), RMOS_OK);
    CHECK(id_len == strlen("sha256:") + 64);
    CHECK(id != NULL && strncmp(id, "sha256:", 7) == 0);

    char *artifact = NULL;
    CHECK_STATUS(rmos_approved_artifact_json(approved, &artifact, NULL), RMOS_OK);
    CHECK_CONTAINS(artifact, "\"kind\":\"approval\"");
    CHECK_CONTAINS(artifact, "\"status\":\"OK\"");
    CHECK_CONTAINS(artifact, "\"actor\":{\"id\":\"luthier\",\"kind\":\"human\"}");
    CHECK_CONTAINS(artifact, "\"seq\":0");
    CHECK_CONTAINS(artifact, id);
    CHECK_STATUS(rmos_string_free(artifact), RMOS_OK);

    uint64_t len = 99;
    CHECK_STATUS(rmos_ledger_len(ledger, &len), RMOS_OK);
    CHECK(len == 1);

    char *detail = NULL;
    CHECK_STATUS(rmos_ledger_verify(ledger, &detail, NULL), RMOS_OK);
    char want[160];
    snprintf(want, sizeof want, "{\"verified\":true,\"artifacts\":1,\"head\":\"%s\"}", id);
    CHECK_STREQ(detail, want);
    CHECK_STATUS(rmos_string_free(detail), RMOS_OK);
    CHECK_STATUS(rmos_string_free(id), RMOS_OK);

    CHECK_STATUS(rmos_approved_free(approved), RMOS_OK);
    CHECK_STATUS(rmos_evaluated_free(evaluated), RMOS_OK);
}

/* The guitar top is YELLOW: a plain approval is blocked and recorded, an override with a reason approves. */
static void yellow_job_needs_an_override(const char *dir, RmosLedger *ledger) {
    RmosJob *job = load_job(dir, "guitar_top.json");
    RmosEvaluated *evaluated = NULL;
    CHECK_STATUS(rmos_evaluate(job, NULL, 0, &evaluated), RMOS_OK);
    RmosBucket bucket = RMOS_BUCKET_GREEN;
    CHECK_STATUS(rmos_evaluated_bucket(evaluated, &bucket), RMOS_OK);
    CHECK(bucket == RMOS_BUCKET_YELLOW);

    const char *who = "luthier";
    RmosApproved *approved = NULL;
    char *refusal = NULL;
    size_t refusal_len = 0;
    CHECK_STATUS(rmos_approve(evaluated, ledger, RMOS_ACTOR_HUMAN, who, strlen(who), AT, strlen(AT), &approved,
                              &refusal, &refusal_len),
                 RMOS_BLOCKED);
    CHECK(approved == NULL);
    CHECK(refusal != NULL && strlen(refusal) == refusal_len);
    CHECK_CONTAINS(refusal, "{\"status\":\"BLOCKED\",\"artifact_id\":\"sha256:");
    CHECK_CONTAINS(refusal, "\"reasons\":[\"YELLOW job needs a human override with a written reason\"]");
    CHECK_CONTAINS(refusal, "\"report\":{\"bucket\":\"YELLOW\"");
    CHECK_CONTAINS(refusal, "\"code\":\"F032\"");
    CHECK_STREQ(rmos_last_error_message(),
                "approval blocked: YELLOW job needs a human override with a written reason");
    CHECK_STATUS(rmos_string_free(refusal), RMOS_OK);

    const char *why = "fresh 1/16 bit, runout checked, air blast on";
    CHECK_STATUS(rmos_approve_with_override(evaluated, ledger, RMOS_ACTOR_HUMAN, who, strlen(who), AT,
                                            strlen(AT), why, strlen(why), false, &approved, NULL, NULL),
                 RMOS_OK);
    CHECK(approved != NULL);
    char *artifact = NULL;
    CHECK_STATUS(rmos_approved_artifact_json(approved, &artifact, NULL), RMOS_OK);
    CHECK_CONTAINS(artifact, "\"reasons\":[\"YELLOW override: fresh 1/16 bit, runout checked, air blast on\"]");
    CHECK_STATUS(rmos_string_free(artifact), RMOS_OK);

    /* The job round-trips through JSON. */
    char *json = NULL;
    size_t json_len = 0;
    CHECK_STATUS(rmos_job_to_json(job, &json, &json_len), RMOS_OK);
    RmosJob *again = NULL;
    CHECK_STATUS(rmos_job_from_json(json, json_len, &again), RMOS_OK);
    char *json_again = NULL;
    CHECK_STATUS(rmos_job_to_json(again, &json_again, NULL), RMOS_OK);
    CHECK_STREQ(json_again, json);
    CHECK_STATUS(rmos_string_free(json_again), RMOS_OK);
    CHECK_STATUS(rmos_string_free(json), RMOS_OK);
    CHECK_STATUS(rmos_job_free(again), RMOS_OK);

    /* The program, from the approval only. */
    RmosProgram *program = NULL;
    const char *post = "grbl";
    const char *later = "2026-11-22T10:01:00Z";
    CHECK_STATUS(rmos_program_generate(approved, ledger, post, strlen(post), later, strlen(later), &program, NULL,
                                       NULL),
                 RMOS_OK);
    CHECK(program != NULL);
    char *approval_id = NULL;
    CHECK_STATUS(rmos_approved_artifact_id(approved, &approval_id, NULL), RMOS_OK);
    /* The approval is not needed any more: the program stands on its own. */
    CHECK_STATUS(rmos_approved_free(approved), RMOS_OK);

    char *gcode = NULL;
    size_t gcode_len = 0;
    CHECK_STATUS(rmos_program_gcode(program, &gcode, &gcode_len), RMOS_OK);
    CHECK(gcode != NULL && strlen(gcode) == gcode_len && gcode_len > 1000);
    CHECK_CONTAINS(gcode, "(rmos program for grbl)\n(job dreadnought top: rosette channels and soundhole)\n");
    CHECK_CONTAINS(gcode, "\nG90 G94 G17 G21\n");
    CHECK(gcode_len > 6 && strcmp(gcode + gcode_len - 6, "M5\nM2\n") == 0);
    /* The program names the approval it came from. */
    char approval_line[96];
    snprintf(approval_line, sizeof approval_line, "\n(approval %s)\n", approval_id);
    CHECK_CONTAINS(gcode, approval_line);
    CHECK_STATUS(rmos_string_free(approval_id), RMOS_OK);

    char *summary = NULL;
    CHECK_STATUS(rmos_program_summary_json(program, &summary, NULL), RMOS_OK);
    CHECK_CONTAINS(summary, "\"post\":\"grbl\"");
    char want_bytes[64];
    snprintf(want_bytes, sizeof want_bytes, "\"units\":\"mm\",\"gcode_bytes\":%zu,\"output_hash\":\"sha256:", gcode_len);
    CHECK_CONTAINS(summary, want_bytes);
    CHECK_CONTAINS(summary, "\"cycle_time_s\":");
    CHECK_CONTAINS(summary, "{\"artifact_id\":\"sha256:");
    CHECK_CONTAINS(summary, "\"bounds\":{\"min\":[");

    char *artifact_id = NULL;
    char *program_artifact = NULL;
    CHECK_STATUS(rmos_program_artifact_json(program, &program_artifact, NULL), RMOS_OK);
    CHECK_CONTAINS(program_artifact, "\"kind\":\"toolpath\"");
    CHECK_CONTAINS(program_artifact, "\"name\":\"program.nc\"");
    CHECK_CONTAINS(program_artifact, "\"post\":\"grbl\"");
    CHECK_CONTAINS(program_artifact, "\"seq\":3");
    CHECK_STATUS(rmos_approved_artifact_id(NULL, &artifact_id, NULL), RMOS_INVALID_ARGUMENT);
    CHECK(artifact_id == NULL);

    /* The program's artifact is the ledger's head, and the summary names it. */
    char *detail = NULL;
    CHECK_STATUS(rmos_ledger_verify(ledger, &detail, NULL), RMOS_OK);
    const char *head = detail != NULL ? strstr(detail, "\"head\":\"") : NULL;
    CHECK(head != NULL);
    if (head != NULL) {
        char want_id[96] = "\"artifact_id\":\"";
        strncat(want_id, head + 8, 71);
        CHECK_CONTAINS(summary, want_id);
    }
    CHECK_STATUS(rmos_string_free(detail), RMOS_OK);
    CHECK_STATUS(rmos_string_free(program_artifact), RMOS_OK);
    CHECK_STATUS(rmos_string_free(summary), RMOS_OK);
    CHECK_STATUS(rmos_string_free(gcode), RMOS_OK);

    uint64_t len = 0;
    CHECK_STATUS(rmos_ledger_len(ledger, &len), RMOS_OK);
    CHECK(len == 4); /* the GREEN approval, the blocked attempt, the override and the program */
    CHECK_STATUS(rmos_ledger_verify(ledger, NULL, NULL), RMOS_OK);

    CHECK_STATUS(rmos_program_free(program), RMOS_OK);
    CHECK_STATUS(rmos_evaluated_free(evaluated), RMOS_OK);
    CHECK_STATUS(rmos_job_free(job), RMOS_OK);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s JOBS_DIR\n", argv[0]);
        return 2;
    }
    version_matches_the_header();
    RmosLedger *ledger = NULL;
    CHECK_STATUS(rmos_ledger_memory(&ledger), RMOS_OK);
    green_job_approves(argv[1], ledger);
    yellow_job_needs_an_override(argv[1], ledger);
    CHECK_STATUS(rmos_ledger_free(ledger), RMOS_OK);
    return check_summary("ffi-happy-path");
}
