// SPDX-License-Identifier: MIT
// An allocator whose value-initialisation leaves trivial elements uninitialised, so that
// vector::resize of a buffer every element of which is written before it is read does not
// first fill it with zeros (clique tables and index maps: a pass over megabytes per query).
#pragma once

#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace pitchrisk::detail {

template <class T, class Base = std::allocator<T>>
class uninitialized_allocator : public Base {
  using traits = std::allocator_traits<Base>;

 public:
  template <class U>
  struct rebind {
    using other = uninitialized_allocator<U, typename traits::template rebind_alloc<U>>;
  };
  using Base::Base;
  uninitialized_allocator() = default;
  template <class U, class B>
  uninitialized_allocator(const uninitialized_allocator<U, B>& other) noexcept : Base(static_cast<const B&>(other)) {}

  /// Value-initialisation: default-initialisation instead (no zeros for trivial types).
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    traits::construct(static_cast<Base&>(*this), p, std::forward<Args>(args)...);
  }
};

/// A vector whose resize() does not initialise new trivial elements.
template <class T>
using uninitialized_vector = std::vector<T, uninitialized_allocator<T>>;

}  // namespace pitchrisk::detail
