#pragma once
// Turns the command line's inputs into a stable, ordered stream of sources,
// without holding more than the folder being read.
//
// Order: inputs sorted by path, folders walked depth first with the entries of
// each folder sorted by name (byte order), so the stream is sorted by path
// compared component by component (compare_paths). Within a walk, hidden
// entries (names starting with '.') and files whose extension is not an answer
// format are left out; a file named on the command line is always taken.
// Symbolic links are followed; a link back to a folder being walked is a loop
// and becomes an error source; a link to something inside the inputs is not
// followed (what it points to is read under its own path); a broken link is
// an error source.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sg::input {

struct Source {
    std::string path;   // as reported in `source`
    std::string id;     // default id: the path relative to its input root, without extension
    std::string error;  // set when the input cannot be used (missing path, unreadable folder)
};

struct DiscoveryOptions {
    std::vector<std::string> extensions{".md", ".markdown", ".txt", ".jsonl", ".ndjson", ".csv"};
    // When any are given, a file found in a folder must match one of them
    // instead of having an answer extension. Patterns: glob_match below.
    std::vector<std::string> globs;
    // Files and folders matching one of these are left out of walks.
    std::vector<std::string> excludes;
};

// Shell-style pattern: '*' any run of characters but '/', '**' any run
// including '/', '?' one character, '[abc]' '[a-z]' '[!x]' a class. A pattern
// without '/' is matched against the file name, one with '/' against the path
// relative to the input root.
bool glob_match(const std::string& pattern, const std::string& relative_path);

// Orders paths component by component ("a/b" before "a-c"), the order of a walk.
int compare_paths(const std::string& a, const std::string& b);

class Walker {
public:
    Walker(std::vector<std::string> inputs, DiscoveryOptions options = {});
    ~Walker();
    Walker(const Walker&) = delete;
    Walker& operator=(const Walker&) = delete;
    // The next source, in order; false at the end.
    bool next(Source& out);

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Every source at once, for callers that need the whole list.
std::vector<Source> discover(const std::vector<std::string>& inputs, const DiscoveryOptions& options = {});

// Shards: a stable 64-bit hash (FNV-1a) of a source path, and whether the path
// belongs to shard k (1-based) of n.
std::uint64_t path_hash(const std::string& path);
bool in_shard(const std::string& path, unsigned k, unsigned n);

}  // namespace sg::input
