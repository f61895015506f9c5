#include "input/discovery.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>
#include <utility>

#include <dirent.h>
#include <sys/stat.h>

namespace sg::input {

namespace fs = std::filesystem;

// ---- patterns and order ---------------------------------------------------

namespace {

bool class_match(const std::string& p, std::size_t& i, char c) {
    // p[i] == '['; on return i is past the closing ']'.
    std::size_t j = i + 1;
    bool negate = j < p.size() && (p[j] == '!' || p[j] == '^');
    if (negate) ++j;
    bool matched = false, first = true;
    for (; j < p.size() && (p[j] != ']' || first); ++j) {
        first = false;
        if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
            if (c >= p[j] && c <= p[j + 2]) matched = true;
            j += 2;
        } else if (p[j] == c) {
            matched = true;
        }
    }
    i = j < p.size() ? j + 1 : p.size();
    return matched != negate;
}

bool match_from(const std::string& p, std::size_t pi, const std::string& s, std::size_t si) {
    while (pi < p.size()) {
        char pc = p[pi];
        if (pc == '*') {
            bool any = pi + 1 < p.size() && p[pi + 1] == '*';
            std::size_t next = pi + (any ? 2 : 1);
            // "**/" also matches no folder at all.
            if (any && next < p.size() && p[next] == '/' && match_from(p, next + 1, s, si)) return true;
            for (std::size_t k = si;; ++k) {
                if (match_from(p, next, s, k)) return true;
                if (k >= s.size() || (!any && s[k] == '/')) return false;
            }
        }
        if (si >= s.size()) return false;
        if (pc == '?') {
            if (s[si] == '/') return false;
            ++pi;
            ++si;
        } else if (pc == '[') {
            if (s[si] == '/' || !class_match(p, pi, s[si])) return false;
            ++si;
        } else {
            if (pc == '\\' && pi + 1 < p.size()) pc = p[++pi];
            if (pc != s[si]) return false;
            ++pi;
            ++si;
        }
    }
    return si == s.size();
}

}  // namespace

bool glob_match(const std::string& pattern, const std::string& relative_path) {
    if (pattern.find('/') == std::string::npos) {
        auto slash = relative_path.find_last_of('/');
        std::string name = slash == std::string::npos ? relative_path : relative_path.substr(slash + 1);
        return match_from(pattern, 0, name, 0);
    }
    std::string p = pattern.compare(0, 2, "./") == 0 ? pattern.substr(2) : pattern;
    if (!p.empty() && p[0] == '/') p.erase(0, 1);
    return match_from(p, 0, relative_path, 0);
}

int compare_paths(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        std::size_t ie = a.find('/', i), je = b.find('/', j);
        if (ie == std::string::npos) ie = a.size();
        if (je == std::string::npos) je = b.size();
        int c = std::string_view(a).substr(i, ie - i).compare(std::string_view(b).substr(j, je - j));
        if (c != 0) return c < 0 ? -1 : 1;
        i = ie + 1;
        j = je + 1;
    }
    bool a_done = i >= a.size(), b_done = j >= b.size();
    if (a_done && b_done) return 0;
    return a_done ? -1 : 1;
}

std::uint64_t path_hash(const std::string& path) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : path) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

bool in_shard(const std::string& path, unsigned k, unsigned n) {
    return n <= 1 || path_hash(path) % n == (k - 1) % n;
}

// ---- the walk ---------------------------------------------------------------

namespace {

std::string strip_extension(const std::string& p) {
    auto slash = p.find_last_of('/');
    auto dot = p.find_last_of('.');
    if (dot == std::string::npos || dot == 0 || (slash != std::string::npos && dot <= slash + 1)) return p;
    return p.substr(0, dot);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string join_path(const std::string& dir, const std::string& name) {
    if (dir.empty()) return name;
    if (dir.back() == '/') return dir + name;
    return dir + "/" + name;
}

bool inside(const std::string& path, const std::string& dir) {
    if (path.size() <= dir.size() || path.compare(0, dir.size(), dir) != 0) return false;
    return dir.back() == '/' || path[dir.size()] == '/';
}

std::string canonical_of(const std::string& p) {
    std::error_code ec;
    auto c = fs::canonical(p, ec);
    return ec ? fs::absolute(p, ec).lexically_normal().string() : c.string();
}

struct Frame {
    std::string dir;     // as reported
    std::string rel;     // relative to the input root ("" at the root)
    std::string real;    // canonical path of the folder
    dev_t dev = 0;
    ino_t ino = 0;
    std::vector<std::string> names;
    std::size_t next = 0;
};

struct Input {
    std::string given;      // as on the command line
    std::string canonical;  // resolved
    std::string id_base;    // what ids are relative to
    bool is_dir = false;
    std::string error;
};

}  // namespace

struct Walker::State {
    DiscoveryOptions options;
    std::vector<Input> inputs;
    std::vector<std::string> roots;  // canonical folders of the inputs
    std::size_t next_input = 0;
    std::vector<Frame> stack;
    std::string id_base;  // canonical folder the current walk's ids are relative to

    bool wanted_file(const std::string& rel) const {
        for (const auto& x : options.excludes)
            if (glob_match(x, rel)) return false;
        if (!options.globs.empty()) {
            for (const auto& g : options.globs)
                if (glob_match(g, rel)) return true;
            return false;
        }
        auto dot = rel.find_last_of('.');
        auto slash = rel.find_last_of('/');
        if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return false;
        std::string ext = lower(rel.substr(dot));
        return std::find(options.extensions.begin(), options.extensions.end(), ext) != options.extensions.end();
    }
    bool excluded_dir(const std::string& rel) const {
        for (const auto& x : options.excludes)
            if (glob_match(x, rel) || glob_match(x + "/", rel + "/")) return true;
        return false;
    }
    bool inside_roots(const std::string& real) const {
        for (const auto& r : roots)
            if (real == r || inside(real, r)) return true;
        return false;
    }
    std::string id_of(const std::string& real_or_given, bool relative_to_base) const {
        if (relative_to_base && !id_base.empty() && inside(real_or_given, id_base))
            return strip_extension(real_or_given.substr(id_base.size() + (id_base.back() == '/' ? 0 : 1)));
        return strip_extension(fs::path(real_or_given).filename().string());
    }

    bool push_dir(const std::string& dir, const std::string& rel, const std::string& real, const struct stat& st,
                  Source& err_out) {
        DIR* d = ::opendir(dir.c_str());
        if (!d) {
            err_out = Source{dir, rel.empty() ? fs::path(dir).filename().string() : rel,
                             fmt::format("{}: cannot read folder: {}", dir, std::strerror(errno))};
            return false;
        }
        Frame f;
        f.dir = dir;
        f.rel = rel;
        f.real = real;
        f.dev = st.st_dev;
        f.ino = st.st_ino;
        while (dirent* e = ::readdir(d)) {
            if (e->d_name[0] == '.') continue;  // ".", ".." and hidden entries
            f.names.emplace_back(e->d_name);
        }
        ::closedir(d);
        std::sort(f.names.begin(), f.names.end());
        stack.push_back(std::move(f));
        return true;
    }
};

Walker::Walker(std::vector<std::string> inputs, DiscoveryOptions options) : state_(std::make_unique<State>()) {
    auto& s = *state_;
    s.options = std::move(options);
    std::sort(inputs.begin(), inputs.end(),
              [](const std::string& a, const std::string& b) { return compare_paths(a, b) < 0; });
    std::set<std::string> seen;
    std::vector<Input> list;
    for (auto& given : inputs) {
        Input in;
        in.given = given;
        if (given == "-") {
            if (!seen.insert("-").second) continue;
            list.push_back(in);
            continue;
        }
        struct stat st{};
        if (::stat(given.c_str(), &st) != 0) {
            struct stat lst{};
            bool dangling = ::lstat(given.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode);
            in.error = errno == ELOOP     ? fmt::format("{}: symbolic link loop", given)
                       : dangling        ? fmt::format("{}: broken symbolic link", given)
                       : errno == ENOENT ? fmt::format("{}: no such file or folder", given)
                                         : fmt::format("{}: {}", given, std::strerror(errno));
            list.push_back(in);
            continue;
        }
        in.is_dir = S_ISDIR(st.st_mode);
        in.canonical = canonical_of(given);
        if (!seen.insert(in.canonical).second) continue;
        list.push_back(in);
    }
    // Ids are relative to the input folder with one input, else to the folder all inputs share.
    std::string common;
    std::size_t counted = 0;
    for (const auto& in : list) {
        if (in.canonical.empty()) continue;
        std::string base = in.is_dir ? in.canonical : fs::path(in.canonical).parent_path().string();
        if (counted++ == 0) {
            common = base;
            continue;
        }
        while (!common.empty() && common != base && !inside(base, common)) {
            auto up = fs::path(common).parent_path().string();
            if (up == common) break;
            common = up;
        }
    }
    for (auto& in : list) {
        if (in.canonical.empty()) continue;
        in.id_base = counted > 1 ? common : (in.is_dir ? in.canonical : "");
        if (in.is_dir) s.roots.push_back(in.canonical);
    }
    // A file or folder inside another folder input is read by that folder's walk,
    // unless the walk would leave the file out.
    for (auto& in : list) {
        bool covered = false;
        for (const auto& r : s.roots) {
            if (in.canonical.empty() || !inside(in.canonical, r)) continue;
            if (in.is_dir) {
                covered = true;
            } else {
                std::string rel = in.canonical.substr(r.size() + 1);
                bool hidden = rel[0] == '.' || rel.find("/.") != std::string::npos;
                covered = !hidden && s.wanted_file(rel);
            }
        }
        if (!covered) s.inputs.push_back(std::move(in));
    }
}

Walker::~Walker() = default;

bool Walker::next(Source& out) {
    auto& s = *state_;
    for (;;) {
        if (!s.stack.empty()) {
            Frame& f = s.stack.back();
            if (f.next >= f.names.size()) {
                s.stack.pop_back();
                continue;
            }
            const std::string& name = f.names[f.next++];
            std::string path = join_path(f.dir, name);
            std::string rel = f.rel.empty() ? name : f.rel + "/" + name;
            struct stat lst{};
            if (::lstat(path.c_str(), &lst) != 0) {
                out = Source{path, s.id_of(join_path(f.real, name), true),
                             fmt::format("{}: cannot read: {}", path, std::strerror(errno))};
                return true;
            }
            struct stat st = lst;
            std::string real = join_path(f.real, name);
            if (S_ISLNK(lst.st_mode)) {
                if (::stat(path.c_str(), &st) != 0) {
                    if (errno == ENOENT) {
                        if (!S_ISDIR(st.st_mode) && !s.wanted_file(rel)) continue;
                        out = Source{path, s.id_of(real, true), fmt::format("{}: broken symbolic link", path)};
                    } else if (errno == ELOOP) {
                        out = Source{path, s.id_of(real, true), fmt::format("{}: symbolic link loop", path)};
                    } else {
                        out = Source{path, s.id_of(real, true), fmt::format("{}: {}", path, std::strerror(errno))};
                    }
                    return true;
                }
                std::string target = canonical_of(path);
                if (S_ISDIR(st.st_mode)) {
                    if (s.excluded_dir(rel)) continue;
                    for (const auto& a : s.stack) {
                        if (a.dev == st.st_dev && a.ino == st.st_ino) {
                            out = Source{path, s.id_of(real, true),
                                         fmt::format("{}: symbolic link loop: it leads back to {}; not followed", path,
                                                     a.dir)};
                            return true;
                        }
                    }
                    if (s.inside_roots(target)) continue;  // read under its own path
                } else {
                    if (!s.wanted_file(rel)) continue;
                    if (s.inside_roots(target)) continue;  // read under its own path
                }
            }
            if (S_ISDIR(st.st_mode)) {
                if (s.excluded_dir(rel)) continue;
                Source err;
                // Ids inside a followed link stay relative to the link's own place.
                if (!s.push_dir(path, rel, real, st, err)) {
                    out = err;
                    return true;
                }
                continue;
            }
            if (!S_ISREG(st.st_mode)) continue;  // sockets, devices and pipes inside folders
            if (!s.wanted_file(rel)) continue;
            out = Source{path, s.id_of(real, true), ""};
            return true;
        }
        if (s.next_input >= s.inputs.size()) return false;
        const Input& in = s.inputs[s.next_input++];
        s.id_base = in.id_base;
        if (in.given == "-") {
            out = Source{"-", "stdin", ""};
            return true;
        }
        if (!in.error.empty()) {
            out = Source{in.given, strip_extension(fs::path(in.given).filename().string()), in.error};
            return true;
        }
        if (in.is_dir) {
            struct stat st{};
            ::stat(in.given.c_str(), &st);
            Source err;
            if (!s.push_dir(in.given, "", in.canonical, st, err)) {
                out = err;
                return true;
            }
            if (s.id_base.empty()) s.id_base = in.canonical;
            continue;
        }
        out = Source{in.given, s.id_of(in.canonical, !in.id_base.empty()), ""};
        return true;
    }
}

std::vector<Source> discover(const std::vector<std::string>& inputs, const DiscoveryOptions& options) {
    Walker w(inputs, options);
    std::vector<Source> out;
    Source s;
    while (w.next(s)) out.push_back(s);
    return out;
}

}  // namespace sg::input
