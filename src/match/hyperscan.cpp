#include "match/hyperscan.hpp"

#include <cstdlib>

#ifdef STARGRADE_HAVE_HYPERSCAN
#include <hs/hs.h>

#include <chrono>
#include <mutex>

#include <fmt/format.h>

#include "util/files.hpp"
#endif

namespace sg::match {

bool HyperscanSet::same_syntax(std::string_view p) {
    bool in_class = false;
    for (std::size_t i = 0; i < p.size(); ++i) {
        char c = p[i];
        if (c == '\\') {
            if (i + 1 >= p.size()) return false;
            char e = p[++i];
            // Boost.Regex: word start/end, buffer start/end, lower/upper case
            // classes; PCRE reads these as literals or rejects them. \B and
            // \G depend on the byte before the sentence, which a scan of the
            // sentence alone does not see.
            if (!in_class && std::string_view("<>`'lLuUBGQEK").find(e) != std::string_view::npos) return false;
            continue;
        }
        if (in_class) {
            if (c == ']') in_class = false;
            continue;
        }
        if (c == '[') {
            in_class = true;
            // A ']' first in the class (or after '^') is a literal.
            if (i + 1 < p.size() && p[i + 1] == '^') ++i;
            if (i + 1 < p.size() && p[i + 1] == ']') ++i;
            continue;
        }
        // Line anchors: Boost.Regex also breaks lines at \r, \f and others.
        if (c == '^' || c == '$') return false;
    }
    return true;
}

#ifndef STARGRADE_HAVE_HYPERSCAN

struct HyperscanSet::Impl {};

HyperscanSet::HyperscanSet(const std::vector<std::string>& patterns, const std::string&)
    : covered_(patterns.size(), false), status_("Hyperscan: not in this build") {}
HyperscanSet::~HyperscanSet() = default;
bool HyperscanSet::available() const { return false; }
void HyperscanSet::scan(std::string_view, const std::vector<Span>&, std::vector<std::vector<std::uint32_t>>&) const {}

#else

namespace {

constexpr unsigned kFlags = HS_FLAG_CASELESS | HS_FLAG_DOTALL | HS_FLAG_MULTILINE | HS_FLAG_SINGLEMATCH;
constexpr char kMagic[8] = {'S', 'G', 'H', 'S', '0', '0', '0', '1'};
enum Mode : unsigned char { kNone = 0, kExact = 1, kPrefilter = 2 };

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

bool accepts(const std::string& p, unsigned flags) {
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_expression_info(p.c_str(), flags, &info, &err) != HS_SUCCESS) {
        hs_free_compile_error(err);
        return false;
    }
    std::free(info);
    return true;
}

void put_u64(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

bool get_u64(std::string_view in, std::size_t& at, std::uint64_t& v) {
    if (in.size() - at < 8 || at > in.size()) return false;
    v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
    at += 8;
    return true;
}

}  // namespace

struct HyperscanSet::Impl {
    hs_database_t* db = nullptr;
    hs_scratch_t* proto = nullptr;
    mutable std::mutex mu;
    mutable std::vector<hs_scratch_t*> pool;

    ~Impl() {
        for (auto* s : pool) hs_free_scratch(s);
        if (proto) hs_free_scratch(proto);
        if (db) hs_free_database(db);
    }
    // A database and scratch space that work on this machine, or false.
    bool adopt(hs_database_t* d) {
        hs_scratch_t* s = nullptr;
        if (hs_alloc_scratch(d, &s) != HS_SUCCESS) {
            hs_free_database(d);
            return false;
        }
        db = d;
        proto = s;
        return true;
    }
};

HyperscanSet::HyperscanSet(const std::vector<std::string>& patterns, const std::string& cache_dir)
    : covered_(patterns.size(), false) {
    if (const char* off = std::getenv("STARGRADE_HYPERSCAN"); off && std::string(off) == "0") {
        status_ = "Hyperscan: off (STARGRADE_HYPERSCAN=0)";
        return;
    }
    if (hs_valid_platform() != HS_SUCCESS) {
        status_ = "Hyperscan: this CPU lacks SSSE3";
        return;
    }
    if (patterns.empty()) {
        status_ = "Hyperscan: no patterns";
        return;
    }
    // The cache key: the library version, the CPU's features (a database is
    // built for them) and every pattern, exactly.
    hs_platform_info_t platform{};
    hs_populate_platform(&platform);
    std::string key = fmt::format("{}\ntune {} features {:x}\n", hs_version(), platform.tune, platform.cpu_features);
    for (const auto& p : patterns) key += p + '\0';
    std::string file;
    if (!cache_dir.empty()) file = fmt::format("{}/hs-{:016x}.db", cache_dir, fnv1a(key));

    std::vector<unsigned char> modes(patterns.size(), kNone);
    auto impl = std::make_unique<Impl>();

    // Load: magic, key, one mode per pattern, the serialized database.
    if (!file.empty()) {
        util::MappedFile mapped;
        std::string err;
        if (mapped.open(file, err)) {
            const std::string_view data = mapped.view();
            std::size_t at = sizeof kMagic;
            std::uint64_t klen = 0, blen = 0;
            bool ok = data.size() >= at && data.compare(0, at, std::string_view(kMagic, sizeof kMagic)) == 0 && get_u64(data, at, klen) &&
                      klen == key.size() && data.size() - at >= klen && data.compare(at, klen, key) == 0;
            if (ok) {
                at += klen;
                ok = data.size() - at >= patterns.size();
            }
            if (ok) {
                modes.assign(data.begin() + static_cast<std::ptrdiff_t>(at),
                             data.begin() + static_cast<std::ptrdiff_t>(at + patterns.size()));
                at += patterns.size();
                ok = get_u64(data, at, blen) && data.size() - at == blen;
            }
            hs_database_t* d = nullptr;
            if (ok && hs_deserialize_database(data.data() + at, blen, &d) == HS_SUCCESS && impl->adopt(d)) {
                for (std::size_t i = 0; i < patterns.size(); ++i) covered_[i] = modes[i] != kNone;
                impl_ = std::move(impl);
                status_ = "Hyperscan: loaded " + file;
                return;
            }
            modes.assign(patterns.size(), kNone);
        }
    }

    // Compile: each pattern exactly if Hyperscan can, else in prefilter mode.
    auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        if (!same_syntax(patterns[i])) continue;
        if (accepts(patterns[i], kFlags))
            modes[i] = kExact;
        else if (accepts(patterns[i], kFlags | HS_FLAG_PREFILTER))
            modes[i] = kPrefilter;
    }
    hs_database_t* d = nullptr;
    for (std::size_t attempt = 0; attempt <= patterns.size(); ++attempt) {
        std::vector<const char*> exprs;
        std::vector<unsigned> flags, ids;
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            if (modes[i] == kNone) continue;
            exprs.push_back(patterns[i].c_str());
            flags.push_back(modes[i] == kExact ? kFlags : kFlags | HS_FLAG_PREFILTER);
            ids.push_back(static_cast<unsigned>(i));
        }
        if (exprs.empty()) break;
        hs_compile_error_t* err = nullptr;
        if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK,
                             nullptr, &d, &err) == HS_SUCCESS)
            break;
        int bad = err->expression;
        std::string why = err->message;
        hs_free_compile_error(err);
        d = nullptr;
        if (bad < 0 || static_cast<std::size_t>(bad) >= ids.size()) {
            status_ = "Hyperscan: the database did not compile: " + why;
            return;
        }
        auto& m = modes[ids[static_cast<std::size_t>(bad)]];
        m = m == kExact ? kPrefilter : kNone;
    }
    if (!d || !impl->adopt(d)) {
        status_ = "Hyperscan: no pattern compiled";
        return;
    }
    for (std::size_t i = 0; i < patterns.size(); ++i) covered_[i] = modes[i] != kNone;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    status_ = fmt::format("Hyperscan: compiled in {} ms", ms);

    // Save, atomically (write a temporary file, then rename it), so that
    // processes started together never read half a file. Failing to save
    // only costs the next run the compile.
    char* blob = nullptr;
    std::size_t blen = 0;
    if (!file.empty() && hs_serialize_database(impl->db, &blob, &blen) == HS_SUCCESS) {
        std::string data(kMagic, sizeof kMagic);
        put_u64(data, key.size());
        data += key;
        data.append(modes.begin(), modes.end());
        put_u64(data, blen);
        data.append(blob, blen);
        std::free(blob);
        if (util::save_in_cache(cache_dir, file, data))
            status_ += ", saved " + file;
        else
            status_ += ", not saved in " + cache_dir;
    }
    impl_ = std::move(impl);
}

HyperscanSet::~HyperscanSet() = default;

bool HyperscanSet::available() const { return impl_ != nullptr; }

namespace {
struct ScanContext {
    std::vector<std::vector<std::uint32_t>>* candidates;
    std::uint32_t sentence;
};
int on_match(unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
    auto* c = static_cast<ScanContext*>(ctx);
    (*c->candidates)[id].push_back(c->sentence);
    return 0;
}
}  // namespace

void HyperscanSet::scan(std::string_view text, const std::vector<Span>& spans,
                        std::vector<std::vector<std::uint32_t>>& candidates) const {
    if (!impl_) return;
    hs_scratch_t* scratch = nullptr;
    {
        std::lock_guard<std::mutex> lock(impl_->mu);
        if (!impl_->pool.empty()) {
            scratch = impl_->pool.back();
            impl_->pool.pop_back();
        }
    }
    if (!scratch && hs_clone_scratch(impl_->proto, &scratch) != HS_SUCCESS) scratch = nullptr;
    for (const auto& sp : spans) {
        ScanContext ctx{&candidates, sp.sentence};
        bool ok = scratch && sp.end >= sp.begin && sp.end <= text.size() &&
                  hs_scan(impl_->db, text.data() + sp.begin, sp.end - sp.begin, 0, scratch, on_match, &ctx) ==
                      HS_SUCCESS;
        if (!ok) {
            // Hyperscan could not say: every covered pattern may match here.
            for (std::uint32_t i = 0; i < covered_.size(); ++i)
                if (covered_[i] && (candidates[i].empty() || candidates[i].back() != sp.sentence))
                    candidates[i].push_back(sp.sentence);
        }
    }
    if (scratch) {
        std::lock_guard<std::mutex> lock(impl_->mu);
        impl_->pool.push_back(scratch);
    }
}

#endif

}  // namespace sg::match
