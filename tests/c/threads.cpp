/*
 * Many threads at once through rmos.h, in C++17: every thread reads, evaluates and approves jobs against one
 * shared ledger, and shares one evaluation with the others; handles are freed while other threads use them.
 * Then the ledger holds exactly one artifact per attempt and its chain verifies. Run under ASan + UBSan, so
 * a data race that corrupts memory, a use after free or a leak fails the run.
 *
 * Both with a ledger in memory and with a durable one (a SQLite file in SCRATCH_DIR).
 *
 * Usage: threads JOBS_DIR SCRATCH_DIR
 */
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "check.h"

namespace {

const std::string AT = "2026-11-22T10:00:00Z";
constexpr int THREADS = 8;

std::string read_text(const char *dir, const char *name) {
    size_t len = 0;
    char *text = read_file(dir, name, &len);
    std::string s(text, len);
    free(text);
    return s;
}

/* One thread's work: per round, a GREEN approval, a blocked YELLOW attempt and a YELLOW override (three
 * artifacts), plus an approval of the evaluation every thread shares (one more). */
void worker(int index, int rounds, const std::string &green_text, const std::string &yellow_text,
            const RmosEvaluated *shared, RmosLedger *ledger) {
    const std::string who = "luthier-" + std::to_string(index);
    const std::string why = "thread " + std::to_string(index) + ": fresh bit, runout checked";
    for (int round = 0; round < rounds; round++) {
        for (const std::string *text : {&green_text, &yellow_text}) {
            RmosJob *job = nullptr;
            CHECK_STATUS(rmos_job_from_json(text->data(), text->size(), &job), RMOS_OK);
            RmosEvaluated *evaluated = nullptr;
            CHECK_STATUS(rmos_evaluate(job, nullptr, 0, &evaluated), RMOS_OK);
            CHECK_STATUS(rmos_job_free(job), RMOS_OK);
            RmosApproved *approved = nullptr;
            if (text == &green_text) {
                CHECK_STATUS(rmos_approve(evaluated, ledger, RMOS_ACTOR_HUMAN, who.data(), who.size(), AT.data(),
                                          AT.size(), &approved, nullptr, nullptr),
                             RMOS_OK);
            } else {
                char *refusal = nullptr;
                CHECK_STATUS(rmos_approve(evaluated, ledger, RMOS_ACTOR_HUMAN, who.data(), who.size(), AT.data(),
                                          AT.size(), &approved, &refusal, nullptr),
                             RMOS_BLOCKED);
                /* This thread's message, not another's. */
                CHECK_CONTAINS(rmos_last_error_message(), "YELLOW job needs a human override");
                CHECK_STATUS(rmos_string_free(refusal), RMOS_OK);
                CHECK_STATUS(rmos_approve_with_override(evaluated, ledger, RMOS_ACTOR_HUMAN, who.data(),
                                                        who.size(), AT.data(), AT.size(), why.data(), why.size(),
                                                        false, &approved, nullptr, nullptr),
                             RMOS_OK);
            }
            char *id = nullptr;
            CHECK_STATUS(rmos_approved_artifact_id(approved, &id, nullptr), RMOS_OK);
            CHECK(id != nullptr && std::string(id).rfind("sha256:", 0) == 0);
            CHECK_STATUS(rmos_string_free(id), RMOS_OK);
            CHECK_STATUS(rmos_approved_free(approved), RMOS_OK);
            CHECK_STATUS(rmos_evaluated_free(evaluated), RMOS_OK);
        }
        RmosApproved *approved = nullptr;
        CHECK_STATUS(rmos_approve(shared, ledger, RMOS_ACTOR_HUMAN, who.data(), who.size(), AT.data(), AT.size(),
                                  &approved, nullptr, nullptr),
                     RMOS_OK);
        CHECK_STATUS(rmos_approved_free(approved), RMOS_OK);
    }
}

/* Threads evaluate one job while the main thread frees it: each call either finishes on a live job or is
 * told the handle is gone; never a crash or a use after free. */
void free_while_in_use(const std::string &green_text) {
    RmosJob *job = nullptr;
    CHECK_STATUS(rmos_job_from_json(green_text.data(), green_text.size(), &job), RMOS_OK);
    std::atomic<int> ok{0}, gone{0}, other{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < THREADS; t++) {
        threads.emplace_back([&] {
            for (int i = 0; i < 50; i++) {
                RmosEvaluated *evaluated = nullptr;
                RmosStatus s = rmos_evaluate(job, nullptr, 0, &evaluated);
                if (s == RMOS_OK) {
                    ok++;
                    rmos_evaluated_free(evaluated);
                } else if (s == RMOS_INVALID_ARGUMENT && evaluated == nullptr) {
                    gone++;
                } else {
                    other++;
                }
            }
        });
    }
    std::this_thread::yield();
    CHECK_STATUS(rmos_job_free(job), RMOS_OK);
    for (auto &t : threads) {
        t.join();
    }
    CHECK(other == 0);
    CHECK(ok + gone == THREADS * 50);
    CHECK_STATUS(rmos_job_free(job), RMOS_INVALID_ARGUMENT);
    printf("  free while in use: %d evaluations finished, %d found the job freed\n", ok.load(), gone.load());
}

/* THREADS threads, `rounds` rounds each, against one ledger: then it holds one artifact per attempt and its
 * chain verifies. */
void many_threads_one_ledger(RmosLedger *ledger, int rounds, const std::string &green, const std::string &yellow,
                             const char *what) {
    RmosJob *job = nullptr;
    CHECK_STATUS(rmos_job_from_json(green.data(), green.size(), &job), RMOS_OK);
    RmosEvaluated *shared = nullptr;
    CHECK_STATUS(rmos_evaluate(job, nullptr, 0, &shared), RMOS_OK);
    CHECK_STATUS(rmos_job_free(job), RMOS_OK);

    std::vector<std::thread> threads;
    for (int t = 0; t < THREADS; t++) {
        threads.emplace_back(worker, t, rounds, std::cref(green), std::cref(yellow), shared, ledger);
    }
    for (auto &t : threads) {
        t.join();
    }

    const uint64_t want = uint64_t(THREADS) * uint64_t(rounds) * 4;
    uint64_t len = 0;
    CHECK_STATUS(rmos_ledger_len(ledger, &len), RMOS_OK);
    CHECK(len == want);
    char *detail = nullptr;
    CHECK_STATUS(rmos_ledger_verify(ledger, &detail, nullptr), RMOS_OK);
    CHECK_CONTAINS(detail, ("{\"verified\":true,\"artifacts\":" + std::to_string(want) + ",").c_str());
    CHECK_STATUS(rmos_string_free(detail), RMOS_OK);
    CHECK_STATUS(rmos_evaluated_free(shared), RMOS_OK);
    printf("  %s: %d threads x %d rounds, %llu artifacts, chain verified\n", what, THREADS, rounds,
           (unsigned long long)len);
}

}  // namespace

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s JOBS_DIR SCRATCH_DIR\n", argv[0]);
        return 2;
    }
    const std::string green = read_text(argv[1], "maple_neck_truss_rod.json");
    const std::string yellow = read_text(argv[1], "guitar_top.json");

    RmosLedger *ledger = nullptr;
    CHECK_STATUS(rmos_ledger_memory(&ledger), RMOS_OK);
    many_threads_one_ledger(ledger, 12, green, yellow, "memory ledger");
    CHECK_STATUS(rmos_ledger_free(ledger), RMOS_OK);

    const std::string path = std::string(argv[2]) + "/threads.rmos";
    std::remove(path.c_str());
    CHECK_STATUS(rmos_ledger_open(path.data(), path.size(), &ledger), RMOS_OK);
    many_threads_one_ledger(ledger, 3, green, yellow, "durable ledger");
    CHECK_STATUS(rmos_ledger_free(ledger), RMOS_OK);

    free_while_in_use(green);
    return check_summary("ffi-threads");
}
