#include "pipeline/runner.hpp"

#include <atomic>
#include <exception>
#include <thread>

namespace sg::pipeline {

static Graded grade_source(const Engine& engine, const input::Source& src, const RunOptions& options) {
    input::Answer a;
    if (!src.error.empty()) {
        a.source = src.path;
        a.id = src.id;
        a.error = src.error;
    } else {
        a = input::read_answer(src.path, src.id, options.max_bytes);
    }
    try {
        return engine.grade(std::move(a), options.grade);
    } catch (const std::exception& e) {
        Graded g;
        g.answer.source = src.path;
        g.answer.id = src.id;
        g.status = Status::Error;
        g.error = src.path + ": internal error while grading: " + e.what();
        return g;
    }
}

std::vector<Graded> grade_all(const Engine& engine, const std::vector<input::Source>& sources,
                              const RunOptions& options) {
    std::vector<Graded> out(sources.size());
    unsigned jobs = options.jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.jobs;
    if (jobs > sources.size()) jobs = static_cast<unsigned>(std::max<std::size_t>(1, sources.size()));
    if (jobs <= 1) {
        for (std::size_t i = 0; i < sources.size(); ++i) out[i] = grade_source(engine, sources[i], options);
        return out;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < jobs; ++t)
        pool.emplace_back([&] {
            for (std::size_t i = next++; i < sources.size(); i = next++) out[i] = grade_source(engine, sources[i], options);
        });
    for (auto& th : pool) th.join();
    return out;
}

}  // namespace sg::pipeline
