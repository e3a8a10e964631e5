/*
 * A deliberate leak: one string from rmos is never freed. `make test` runs this under LeakSanitizer and
 * requires it to FAIL, which proves the sanitizers really run over memory the Rust library allocates.
 *
 * Usage: leak_canary JOBS_DIR
 */
#include "check.h"

int main(int argc, char **argv) {
    if (argc < 2) {
        return 2;
    }
    size_t len = 0;
    char *text = read_file(argv[1], "fretboard.json", &len);
    RmosJob *job = NULL;
    if (rmos_job_from_json(text, len, &job) != RMOS_OK) {
        return 3;
    }
    free(text);
    char *json = NULL;
    if (rmos_job_to_json(job, &json, NULL) != RMOS_OK) {
        return 3;
    }
    rmos_job_free(job);
    json = NULL; /* leaked: never given to rmos_string_free */
    return 0;
}
