// host.cpp: a C++17 CAM host driving RMOS through its C ABI (include/rmos.h).
//
// It loads a job file, lets RMOS evaluate it, approves it as a human, writes the G-code RMOS released and
// verifies the ledger. The RAII wrappers below (std::unique_ptr with the library's free functions) belong
// to this host, not to the library: the ABI stays plain C.
//
//   host JOB.json OUT.nc [--post grbl|linuxcnc|mach3|fanuc] [--who NAME] [--override "REASON"]
//        [--ledger FILE] [--at TIME]
//
// --ledger records into a durable ledger file (created when missing; every run appends to it); without it
// the ledger lives in memory for the run.
// --at records a given RFC 3339 UTC time instead of the host's clock: the same job, time and versions give
// byte-identical G-code and artifact ids.
//
// A GREEN job is approved as it is. A YELLOW job needs a human's written reason: pass it with --override
// (the demo does, for examples/jobs/guitar_top.json, whose 1/16" bit the rules flag as fragile). Without one
// the approval is blocked, the refusal is recorded in the ledger, and the host prints why and exits 3.
//
// Build (see mk/ffi.mk):  g++ -std=c++17 -Iinclude examples/host.cpp target/debug/librmos_ffi.a -lpthread -ldl -lm

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "rmos.h"

namespace {

// ---- RAII over the C handles -------------------------------------------------------------------------

template <typename T, RmosStatus (*Free)(T *)>
struct Freer {
    void operator()(T *handle) const noexcept { Free(handle); }
};

using Job = std::unique_ptr<RmosJob, Freer<RmosJob, rmos_job_free>>;
using Evaluated = std::unique_ptr<RmosEvaluated, Freer<RmosEvaluated, rmos_evaluated_free>>;
using Approved = std::unique_ptr<RmosApproved, Freer<RmosApproved, rmos_approved_free>>;
using Program = std::unique_ptr<RmosProgram, Freer<RmosProgram, rmos_program_free>>;
using Ledger = std::unique_ptr<RmosLedger, Freer<RmosLedger, rmos_ledger_free>>;

// An owned string from RMOS, with its length.
struct String {
    std::unique_ptr<char, Freer<char, rmos_string_free>> data;
    size_t len = 0;
    std::string_view view() const { return data ? std::string_view(data.get(), len) : std::string_view(); }
};

// What a failed call said: its status and this thread's last error message.
struct RmosError : std::runtime_error {
    RmosStatus status;
    RmosError(RmosStatus s, const std::string &what)
        : std::runtime_error(what + ": " + rmos_status_name(s) + ": " + rmos_last_error_message()), status(s) {}
};

void check(RmosStatus status, const char *what) {
    if (status != RMOS_OK) {
        throw RmosError(status, what);
    }
}

// Calls `fill(char **, size_t *)` and takes ownership of the string it gives.
template <typename F>
String take_string(const char *what, F fill) {
    char *data = nullptr;
    size_t len = 0;
    RmosStatus status = fill(&data, &len);
    String s{decltype(String::data)(data), len};
    check(status, what);
    return s;
}

// The host's clock, as RMOS wants it: RFC 3339 UTC. RMOS itself reads no clock.
std::string now_utc() {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string read_file(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const char *bucket_name(RmosBucket b) {
    switch (b) {
        case RMOS_BUCKET_GREEN:
            return "GREEN";
        case RMOS_BUCKET_YELLOW:
            return "YELLOW";
        case RMOS_BUCKET_RED:
            return "RED";
    }
    return "?";
}

struct Options {
    std::string job_path, out_path, post = "grbl", who = "luthier", override_reason, ledger, at;
};

Options parse(int argc, char **argv) {
    Options o;
    int positional = 0;
    for (int i = 1; i < argc; i++) {
        std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                throw std::runtime_error(arg + " needs a value");
            }
            return argv[++i];
        };
        if (arg == "--post") {
            o.post = value();
        } else if (arg == "--who") {
            o.who = value();
        } else if (arg == "--override") {
            o.override_reason = value();
        } else if (arg == "--ledger") {
            o.ledger = value();
        } else if (arg == "--at") {
            o.at = value();
        } else if (positional == 0) {
            o.job_path = arg;
            positional++;
        } else if (positional == 1) {
            o.out_path = arg;
            positional++;
        } else {
            throw std::runtime_error("unexpected argument " + arg);
        }
    }
    if (positional != 2) {
        throw std::runtime_error(
            "usage: host JOB.json OUT.nc [--post grbl|linuxcnc|mach3|fanuc] [--who NAME] [--override REASON] "
            "[--ledger FILE] [--at TIME]");
    }
    return o;
}

int run(const Options &o) {
    std::cout << rmos_version() << "\n";

    // 1. The job, read and validated by RMOS.
    const std::string text = read_file(o.job_path);
    RmosJob *raw_job = nullptr;
    check(rmos_job_from_json(text.data(), text.size(), &raw_job), "reading the job");
    Job job(raw_job);

    // 2. RMOS evaluates it under the default policy: the report is always RMOS's own.
    RmosEvaluated *raw_evaluated = nullptr;
    check(rmos_evaluate(job.get(), nullptr, 0, &raw_evaluated), "evaluating");
    Evaluated evaluated(raw_evaluated);
    RmosBucket bucket = RMOS_BUCKET_RED;
    check(rmos_evaluated_bucket(evaluated.get(), &bucket), "reading the bucket");
    String report = take_string("reading the report", [&](char **s, size_t *n) {
        return rmos_evaluated_report_json(evaluated.get(), s, n);
    });
    std::cout << "evaluated " << o.job_path << ": " << bucket_name(bucket) << "\n  report " << report.view() << "\n";

    // 3. A human approves, with the written reason when one was given. Every attempt lands in the ledger.
    RmosLedger *raw_ledger = nullptr;
    check(o.ledger.empty() ? rmos_ledger_memory(&raw_ledger)
                           : rmos_ledger_open(o.ledger.data(), o.ledger.size(), &raw_ledger),
          "opening the ledger");
    Ledger ledger(raw_ledger);
    const std::string at = o.at.empty() ? now_utc() : o.at;
    RmosApproved *raw_approved = nullptr;
    char *raw_refusal = nullptr;
    size_t refusal_len = 0;
    RmosStatus status =
        o.override_reason.empty()
            ? rmos_approve(evaluated.get(), ledger.get(), RMOS_ACTOR_HUMAN, o.who.data(), o.who.size(), at.data(),
                           at.size(), &raw_approved, &raw_refusal, &refusal_len)
            : rmos_approve_with_override(evaluated.get(), ledger.get(), RMOS_ACTOR_HUMAN, o.who.data(),
                                         o.who.size(), at.data(), at.size(), o.override_reason.data(),
                                         o.override_reason.size(), false, &raw_approved, &raw_refusal,
                                         &refusal_len);
    String refusal{decltype(String::data)(raw_refusal), refusal_len};
    Approved approved(raw_approved);
    if (status == RMOS_BLOCKED) {
        // The host can show why: the refusal carries the artifact id, the reasons and the report.
        std::cerr << "approval refused: " << rmos_last_error_message() << "\n  refusal " << refusal.view() << "\n";
        return 3;
    }
    check(status, "approving");
    String approval_id = take_string("reading the approval id", [&](char **s, size_t *n) {
        return rmos_approved_artifact_id(approved.get(), s, n);
    });
    std::cout << "approved by " << o.who << (o.override_reason.empty() ? "" : " with an override")
              << ": artifact " << approval_id.view() << "\n";

    // 4. The program, from the approval only, recorded before it is returned.
    RmosProgram *raw_program = nullptr;
    check(rmos_program_generate(approved.get(), ledger.get(), o.post.data(), o.post.size(), at.data(), at.size(),
                                &raw_program, nullptr, nullptr),
          "generating the program");
    Program program(raw_program);
    String gcode = take_string("reading the G-code", [&](char **s, size_t *n) {
        return rmos_program_gcode(program.get(), s, n);
    });
    String summary = take_string("reading the program summary", [&](char **s, size_t *n) {
        return rmos_program_summary_json(program.get(), s, n);
    });
    std::ofstream out(o.out_path, std::ios::binary);
    out.write(gcode.data.get(), static_cast<std::streamsize>(gcode.len));
    out.close();
    if (!out) {
        throw std::runtime_error("cannot write " + o.out_path);
    }
    std::cout << "wrote " << gcode.len << " bytes of " << o.post << " G-code to " << o.out_path << "\n  program "
              << summary.view() << "\n";

    // 5. The ledger's chain verifies; its head is what to keep outside it.
    String detail = take_string("verifying the ledger", [&](char **s, size_t *n) {
        return rmos_ledger_verify(ledger.get(), s, n);
    });
    std::cout << "ledger verified: " << detail.view() << "\n";
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    try {
        return run(parse(argc, argv));
    } catch (const std::exception &e) {
        std::cerr << "host: " << e.what() << "\n";
        return 1;
    }
}
