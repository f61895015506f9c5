#include "rubric/model.hpp"

namespace sg::rubric {

template <typename T>
static const T* find_by_id(const std::vector<T>& items, const std::string& id) {
    for (const auto& x : items)
        if (x.id == id) return &x;
    return nullptr;
}

const Question* Rubric::question(const std::string& id) const { return find_by_id(questions, id); }
const Kind* Rubric::kind(const std::string& id) const { return find_by_id(kinds, id); }
const Pitfall* Rubric::pitfall(const std::string& id) const { return find_by_id(pitfalls, id); }

}  // namespace sg::rubric
