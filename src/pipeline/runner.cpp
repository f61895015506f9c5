#include "pipeline/runner.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace sg::pipeline {

namespace {

Graded grade_one(const Engine& engine, input::Answer a, const RunOptions& options) {
    std::string source = a.source, id = a.id, file = a.file;
    std::size_t index = a.index;
    try {
        auto start = std::chrono::steady_clock::now();
        Graded g = engine.grade(std::move(a), options.grade);
        g.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return g;
    } catch (const std::exception& e) {
        Graded g;
        g.answer.source = source;
        g.answer.id = id;
        g.answer.file = file;
        g.answer.index = index;
        g.status = Status::Error;
        g.error = source + ": internal error while grading: " + e.what();
        return g;
    }
}

// Reads every answer of the sources in order, calling take for each; stops
// early when take returns false.
template <class Take>
void produce(const std::function<bool(input::Source&)>& next_source, const RunOptions& options, Take take) {
    input::Source src;
    while (next_source(src)) {
        if (!input::in_shard(src.path, options.shard_k, options.shard_n)) continue;
        std::size_t index = 0;
        auto emit_error = [&](const std::string& message) {
            input::Answer a;
            a.source = src.path;
            a.id = src.id;
            a.error = message;
            a.file = src.path;
            a.index = index++;
            return take(std::move(a));
        };
        std::unique_ptr<input::Reader> reader;
        try {
            reader = input::open_reader(src, options.read);
        } catch (const std::exception& e) {
            if (!emit_error(src.path + ": cannot read: " + e.what())) return;
            continue;
        }
        for (;;) {
            input::Answer a;
            bool more;
            try {
                more = reader->next(a);
            } catch (const std::exception& e) {
                emit_error(src.path + ": reading stopped: " + e.what());
                break;
            }
            if (!more) break;
            a.file = src.path;
            a.index = index++;
            if (!take(std::move(a))) return;
        }
    }
}

}  // namespace

void run(const Engine& engine, const std::function<bool(input::Source&)>& next_source, const RunOptions& options,
         const std::function<void(Graded&)>& emit) {
    unsigned jobs = options.jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.jobs;
    if (jobs <= 1) {
        produce(next_source, options, [&](input::Answer&& a) {
            Graded g = grade_one(engine, std::move(a), options);
            emit(g);
            return true;
        });
        return;
    }

    // Bounded queue of answers to grade, and a reorder window of graded ones.
    const std::size_t queue_cap = jobs * 4;
    const std::size_t window = jobs * 16;
    std::mutex m;
    std::condition_variable can_push, can_pop, can_emit, can_store;
    std::deque<std::pair<std::size_t, input::Answer>> queue;
    std::map<std::size_t, Graded> done;
    std::size_t produced = 0, next_emit = 0;
    bool producing = true;
    std::exception_ptr failure;

    std::thread producer([&] {
        try {
            produce(next_source, options, [&](input::Answer&& a) {
                std::unique_lock<std::mutex> lock(m);
                can_push.wait(lock, [&] { return queue.size() < queue_cap; });
                queue.emplace_back(produced++, std::move(a));
                can_pop.notify_one();
                return true;
            });
        } catch (...) {
            std::lock_guard<std::mutex> lock(m);
            failure = std::current_exception();
        }
        std::lock_guard<std::mutex> lock(m);
        producing = false;
        can_pop.notify_all();
        can_emit.notify_all();
    });

    std::vector<std::thread> workers;
    for (unsigned t = 0; t < jobs; ++t)
        workers.emplace_back([&] {
            for (;;) {
                std::pair<std::size_t, input::Answer> job;
                {
                    std::unique_lock<std::mutex> lock(m);
                    can_pop.wait(lock, [&] { return !queue.empty() || !producing; });
                    if (queue.empty()) return;
                    job = std::move(queue.front());
                    queue.pop_front();
                    can_push.notify_one();
                    // Keep the reorder window bounded: an answer far ahead of the
                    // one being waited for waits its turn.
                    can_store.wait(lock, [&] { return job.first < next_emit + window; });
                }
                Graded g = grade_one(engine, std::move(job.second), options);
                std::lock_guard<std::mutex> lock(m);
                done.emplace(job.first, std::move(g));
                if (job.first == next_emit) can_emit.notify_one();
            }
        });

    for (;;) {
        Graded g;
        {
            std::unique_lock<std::mutex> lock(m);
            can_emit.wait(lock, [&] { return done.count(next_emit) || (!producing && next_emit >= produced); });
            auto it = done.find(next_emit);
            if (it == done.end()) break;
            g = std::move(it->second);
            done.erase(it);
            ++next_emit;
            can_store.notify_all();
        }
        emit(g);
    }
    producer.join();
    for (auto& w : workers) w.join();
    if (failure) std::rethrow_exception(failure);
}

std::vector<Graded> grade_all(const Engine& engine, const std::vector<input::Source>& sources,
                              const RunOptions& options) {
    std::vector<Graded> out;
    std::size_t i = 0;
    run(
        engine,
        [&](input::Source& s) {
            if (i >= sources.size()) return false;
            s = sources[i++];
            return true;
        },
        options, [&](Graded& g) { out.push_back(std::move(g)); });
    return out;
}

}  // namespace sg::pipeline
