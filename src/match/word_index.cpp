#include "match/word_index.hpp"

#include <algorithm>
#include <cstring>

namespace sg::match {

void WordIndex::add(std::string_view key, std::uint32_t value) { pending_.emplace_back(std::string(key), value); }

void WordIndex::freeze() {
    // Group the values of each key, keeping their order of addition.
    std::stable_sort(pending_.begin(), pending_.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::size_t keys = 0;
    for (std::size_t i = 0; i < pending_.size(); ++i)
        if (i == 0 || pending_[i].first != pending_[i - 1].first) ++keys;
    std::size_t cap = 16;
    while (cap < 2 * keys) cap *= 2;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    count_ = keys;
    keys_.clear();
    values_.clear();
    for (std::size_t i = 0; i < pending_.size();) {
        std::size_t j = i;
        while (j < pending_.size() && pending_[j].first == pending_[i].first) ++j;
        const std::string& key = pending_[i].first;
        Slot s;
        s.hash = hash(key);
        s.key = static_cast<std::uint32_t>(keys_.size());
        s.key_len = static_cast<std::uint32_t>(key.size());
        s.first = static_cast<std::uint32_t>(values_.size());
        s.n = static_cast<std::uint32_t>(j - i);
        keys_ += key;
        for (std::size_t k = i; k < j; ++k) values_.push_back(pending_[k].second);
        std::size_t at = s.hash & mask_;
        while (slots_[at].n != 0) at = (at + 1) & mask_;
        slots_[at] = s;
        i = j;
    }
    pending_.clear();
    pending_.shrink_to_fit();
}

std::pair<const std::uint32_t*, const std::uint32_t*> WordIndex::find(Hash h, std::string_view a, std::string_view b,
                                                                      bool pair) const {
    if (count_ == 0) return {nullptr, nullptr};
    const std::size_t len = a.size() + (pair ? 1 + b.size() : 0);
    for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
        const Slot& s = slots_[at];
        if (s.n == 0) return {nullptr, nullptr};
        if (s.hash != h || s.key_len != len) continue;
        const char* k = keys_.data() + s.key;
        if (std::memcmp(k, a.data(), a.size()) != 0) continue;
        if (pair && (k[a.size()] != ' ' || std::memcmp(k + a.size() + 1, b.data(), b.size()) != 0)) continue;
        const std::uint32_t* v = values_.data() + s.first;
        return {v, v + s.n};
    }
}

}  // namespace sg::match
