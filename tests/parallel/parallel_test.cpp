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
