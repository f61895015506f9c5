#pragma once
// A frozen map from a word, or two words joined by a space, to the list of
// phrase indices that start with it: open addressing over one array, keys in
// one arena, hashed with FNV-1a so that a caller can hash a word once and
// extend the hash to its prefixes (stems) or to a following word (pairs)
// without building a key string per token.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sg::match {

class WordIndex {
public:
    using Hash = std::uint64_t;
    static constexpr Hash kSeed = 14695981039346656037ull;
    static Hash step(Hash h, unsigned char c) { return (h ^ c) * 1099511628211ull; }
    static Hash extend(Hash h, std::string_view s) {
        for (unsigned char c : s) h = step(h, c);
        return h;
    }
    static Hash hash(std::string_view s) { return extend(kSeed, s); }

    // Adds a value under a key; call freeze() after the last add.
    void add(std::string_view key, std::uint32_t value);
    void freeze();
    bool empty() const { return count_ == 0; }
    std::size_t size() const { return count_; }

    // The values under `a`, or under `a + ' ' + b` when `pair`, given the
    // hash of exactly those bytes. Empty when there are none.
    std::pair<const std::uint32_t*, const std::uint32_t*> find(Hash h, std::string_view a, std::string_view b = {},
                                                               bool pair = false) const;

private:
    struct Slot {
        Hash hash = 0;
        std::uint32_t key = 0, key_len = 0;  // in keys_
        std::uint32_t first = 0, n = 0;      // in values_; n == 0: empty slot
    };
    std::vector<std::pair<std::string, std::uint32_t>> pending_;
    std::vector<Slot> slots_;
    std::string keys_;
    std::vector<std::uint32_t> values_;
    std::size_t mask_ = 0, count_ = 0;
};

}  // namespace sg::match
