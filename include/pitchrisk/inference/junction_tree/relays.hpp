// SPDX-License-Identifier: MIT
// Relay cliques for junction trees: a small clique over the union of several children's
// separators collects their messages, so their parent is multiplied (collect) and
// marginalised (distribute) once for the group instead of once per child.
#pragma once

#include "pitchrisk/fwd.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <vector>

namespace pitchrisk::detail {

/// Inserts relay cliques into a rooted clique tree. `cliques` holds sorted variable sets,
/// `parent` the parent of each (-1: root). For every clique P of at least `min_entries`
/// entries, the separators of its children are merged greedily, smallest union first, while
/// a relay over the union costs less than the pass over P it saves (3 |U| < |P|: the relay
/// is passed once per member and once towards P, in each direction). Relays are appended
/// (their parent is P or another relay) and the grouped children re-parented. Returns the
/// number of relays added. Children across an empty separator (other components) and
/// cliques with more than `max_children` children are left as they are.
inline std::size_t jt_add_relays(std::vector<std::vector<variable_id>>& cliques, std::vector<Eigen::Index>& parent,
                                 const std::vector<Eigen::Index>& cards, double min_entries,
                                 std::size_t max_children = 64) {
  auto entries = [&](const std::vector<variable_id>& vars) {
    double s = 1;
    for (const variable_id v : vars) s *= static_cast<double>(cards[static_cast<std::size_t>(v)]);
    return s;
  };
  const std::size_t original = cliques.size();
  std::vector<std::vector<Eigen::Index>> children(original);
  for (std::size_t k = 0; k < original; ++k)
    if (parent[k] >= 0) children[static_cast<std::size_t>(parent[k])].push_back(static_cast<Eigen::Index>(k));

  struct item {
    std::vector<variable_id> vars;  // separator with P (relay: its whole scope)
    Eigen::Index node;
  };
  std::vector<item> items;
  std::vector<variable_id> joined, best_union;
  for (std::size_t p = 0; p < original; ++p) {
    if (children[p].size() < 2 || children[p].size() > max_children) continue;
    const double size_p = entries(cliques[p]);
    if (size_p < min_entries) continue;
    items.clear();
    for (const Eigen::Index k : children[p]) {
      item it{{}, k};
      const auto& ck = cliques[static_cast<std::size_t>(k)];
      std::set_intersection(ck.begin(), ck.end(), cliques[p].begin(), cliques[p].end(), std::back_inserter(it.vars));
      if (!it.vars.empty()) items.push_back(std::move(it));
    }
    while (items.size() >= 2) {
      double best = 0;
      std::size_t bi = 0, bj = 0;
      for (std::size_t i = 0; i < items.size(); ++i)
        for (std::size_t j = i + 1; j < items.size(); ++j) {
          joined.clear();
          std::set_union(items[i].vars.begin(), items[i].vars.end(), items[j].vars.begin(), items[j].vars.end(),
                         std::back_inserter(joined));
          const double s = entries(joined);
          if (best == 0 || s < best) {
            best = s;
            bi = i;
            bj = j;
            best_union = joined;
          }
        }
      if (!(3 * best < size_p)) break;
      auto is_relay = [&](const item& it) { return static_cast<std::size_t>(it.node) >= original; };
      if (is_relay(items[bi]) && best_union == items[bi].vars) {
        parent[static_cast<std::size_t>(items[bj].node)] = items[bi].node;
      } else if (is_relay(items[bj]) && best_union == items[bj].vars) {
        parent[static_cast<std::size_t>(items[bi].node)] = items[bj].node;
        items[bi] = std::move(items[bj]);
      } else {
        const auto relay = static_cast<Eigen::Index>(cliques.size());
        cliques.push_back(best_union);
        parent.push_back(static_cast<Eigen::Index>(p));
        parent[static_cast<std::size_t>(items[bi].node)] = relay;
        parent[static_cast<std::size_t>(items[bj].node)] = relay;
        items[bi] = item{best_union, relay};
      }
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(bj));
    }
  }
  return cliques.size() - original;
}

}  // namespace pitchrisk::detail
