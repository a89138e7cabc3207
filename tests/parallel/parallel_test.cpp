// The one place threads start: every index done once, and a worker's exception reaches the caller.
#include <scapc/parallel.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace scapc;

TEST_CASE("for_each_index does every index exactly once, on several threads", "[parallel]") {
  std::vector<std::atomic<int>> done(10000);
  std::mutex seen_mutex;
  std::set<std::thread::id> threads;
  parallel::for_each_index(
      done.size(),
      [&](std::size_t i) {
        ++done[i];
        const std::lock_guard lock(seen_mutex);
        threads.insert(std::this_thread::get_id());
      },
      4);
  for (const auto& count : done) REQUIRE(count == 1);
  REQUIRE(threads.size() <= 4);
  parallel::for_each_index(0, [](std::size_t) { FAIL("no index for an empty range"); });
}

TEST_CASE("a worker's exception is thrown again on the caller's thread", "[parallel]") {
  std::atomic<int> started{0};
  const auto throwing = [&](std::size_t i) {
    ++started;
    if (i == 7) throw std::runtime_error("index 7");
    // Slow enough that the stop, not the end of the range, ends the run: with instant work the
    // other worker could finish every index while the throwing one was descheduled (seen in CI).
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  };
  REQUIRE_THROWS_WITH(parallel::for_each_index(10000, throwing, 2), "index 7");
  // After the throw no new index starts: far fewer than all of them ran.
  REQUIRE(started < 1000);

  REQUIRE_THROWS_WITH(parallel::workers(3,
                                        [](std::size_t worker) {
                                          if (worker == 2) throw std::logic_error("worker 2");
                                        }),
                      "worker 2");
}

TEST_CASE("background work runs on its own thread or in wait(), and rethrows there", "[parallel]") {
  const auto caller = std::this_thread::get_id();
  std::thread::id ran_on;
  parallel::Background own([&] { ran_on = std::this_thread::get_id(); });
  own.wait();
  REQUIRE(ran_on != caller);
  REQUIRE_FALSE(own.pending());

  bool ran = false;
  parallel::Background deferred([&] { ran = true; }, false);
  REQUIRE(deferred.pending());
  REQUIRE_FALSE(ran);
  deferred.wait();
  REQUIRE(ran);

  parallel::Background failing([] { throw std::runtime_error("in the background"); });
  REQUIRE_THROWS_WITH(failing.wait(), "in the background");
  failing.wait();  // waited for already: nothing more to throw

  // start() again once waited: the same object carries the next piece of work.
  int pieces = 0;
  parallel::Background pipeline;
  for (int i = 0; i < 3; ++i) {
    pipeline.start([&] { ++pieces; });
    pipeline.wait();
  }
  REQUIRE(pieces == 3);
}

TEST_CASE("in_order consumes every index once, in order, never more than `ahead` before it", "[parallel]") {
  for (const std::size_t ahead : {1, 2, 5, 32}) {
    INFO(ahead << " ahead");
    constexpr std::size_t kCount = 3000;
    std::vector<std::atomic<int>> produced(kCount);
    std::vector<std::size_t> place_of(ahead, SIZE_MAX);  // the index each place holds
    std::mutex places_mutex;
    std::atomic<std::size_t> consumed{0};
    std::atomic<bool> too_far{false};
    std::atomic<bool> place_reused{false};
    std::vector<std::size_t> order;
    const bool ok = parallel::in_order(
        kCount, ahead, 3,
        [&](std::size_t i, std::size_t place) {
          ++produced[i];
          if (i >= consumed + ahead) too_far = true;
          const std::lock_guard lock(places_mutex);
          if (place != i % ahead || place_of[place] != SIZE_MAX) place_reused = true;
          place_of[place] = i;
        },
        [&](std::size_t i, std::size_t place) {
          {
            const std::lock_guard lock(places_mutex);
            if (place_of[place] != i) place_reused = true;
            place_of[place] = SIZE_MAX;
          }
          order.push_back(i);
          consumed = i + 1;
          return true;
        });
    REQUIRE(ok);
    REQUIRE_FALSE(too_far);
    REQUIRE_FALSE(place_reused);
    REQUIRE(order.size() == kCount);
    for (std::size_t i = 0; i < kCount; ++i) {
      REQUIRE(order[i] == i);
      REQUIRE(produced[i] == 1);
    }
  }
  REQUIRE(parallel::in_order(
      0, 4, 0, [](std::size_t, std::size_t) { FAIL("nothing to produce"); },
      [](std::size_t, std::size_t) -> bool {
        FAIL("nothing to consume");
        return false;
      }));
}

TEST_CASE("in_order stops when consuming says so, and rethrows from either side", "[parallel]") {
  std::atomic<std::size_t> produced{0};
  std::size_t consumed = 0;
  const auto slow = [&](std::size_t, std::size_t) {
    ++produced;
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  };
  CHECK_FALSE(parallel::in_order(10000, 4, 2, slow, [&](std::size_t i, std::size_t) {
    ++consumed;
    return i < 9;
  }));
  CHECK(consumed == 10);
  CHECK(produced <= 10 + 4);  // nothing started beyond the window once it stopped

  CHECK_THROWS_WITH(parallel::in_order(
                        10000, 4, 2,
                        [](std::size_t i, std::size_t) {
                          if (i == 20) throw std::runtime_error("producing 20");
                        },
                        [](std::size_t, std::size_t) { return true; }),
                    "producing 20");
  CHECK_THROWS_WITH(parallel::in_order(
                        10000, 4, 2, [](std::size_t, std::size_t) {},
                        [](std::size_t i, std::size_t) -> bool {
                          if (i == 30) throw std::logic_error("consuming 30");
                          return true;
                        }),
                    "consuming 30");
}
