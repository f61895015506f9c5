#include "input/discovery.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace sg::input {

namespace fs = std::filesystem;

namespace {
std::string strip_extension(const fs::path& p) {
    fs::path q = p;
    q.replace_extension();
    return q.generic_string();
}
}  // namespace

std::vector<Source> discover(const std::vector<std::string>& inputs, const DiscoveryOptions& options) {
    std::vector<Source> out;
    std::set<std::string> seen;
    auto add = [&](Source s, const fs::path& real) {
        std::error_code ec;
        auto canon = fs::weakly_canonical(real, ec).string();
        if (ec) canon = real.string();
        if (!seen.insert(canon).second) return;
        out.push_back(std::move(s));
    };
    for (const auto& in : inputs) {
        std::error_code ec;
        fs::path p(in);
        auto st = fs::status(p, ec);
        if (ec || !fs::exists(st)) {
            out.push_back(Source{in, strip_extension(p.filename()), fmt::format("{}: no such file or folder", in)});
            continue;
        }
        if (fs::is_directory(st)) {
            std::vector<Source> found;
            fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
            if (ec) {
                out.push_back(Source{in, strip_extension(p.filename()), fmt::format("{}: cannot read folder: {}", in, ec.message())});
                continue;
            }
            for (; it != end; it.increment(ec)) {
                if (ec) {
                    out.push_back(Source{in, in, fmt::format("{}: cannot read folder: {}", in, ec.message())});
                    break;
                }
                std::error_code fec;
                if (!it->is_regular_file(fec)) continue;
                std::string ext = it->path().extension().string();
                std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
                if (std::find(options.extensions.begin(), options.extensions.end(), ext) == options.extensions.end())
                    continue;
                fs::path rel = it->path().lexically_relative(p);
                found.push_back(Source{it->path().generic_string(), strip_extension(rel), ""});
            }
            std::sort(found.begin(), found.end(), [](const Source& a, const Source& b) { return a.path < b.path; });
            for (auto& s : found) {
                fs::path real(s.path);
                add(std::move(s), real);
            }
        } else {
            add(Source{in, strip_extension(p.filename()), ""}, p);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Source& a, const Source& b) { return a.path < b.path; });
    return out;
}

}  // namespace sg::input
