// Threads, in one place. Every function here waits for the threads it starts (but the one that
// waits for a terminating signal), and an exception thrown on one of them is thrown again on the
// caller's thread, so a bug in a worker ends in the "internal error" line like any other, never in
// std::terminate.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <thread>

namespace scapc::parallel {

// The cores this process may use; at least 1.
unsigned cores();

// When the process gets SIGINT, SIGTERM or SIGHUP, runs `cleanup` on a thread kept for it and ends
// the process with status 128 + the signal, as a shell reports it. Call it first thing in main:
// the signals are blocked from then on in every other thread, so cleanup never runs in the middle
// of a worker's allocation or lock.
void on_termination(std::function<void(int signal)> cleanup);

// Runs work(0), …, work(threads - 1) at once, work(0) on the caller's thread, and waits for all.
// Each call is one worker: the place for state a worker keeps to itself. When one throws, the
// first exception is rethrown once every worker has returned.
void workers(std::size_t threads, const std::function<void(std::size_t worker)>& work);

// work(i) for every i below `count`, spread over at most `most_threads` threads (0: every core).
// After a throw no new index is started; the first exception is rethrown.
void for_each_index(std::size_t count, const std::function<void(std::size_t index)>& work, unsigned most_threads = 0);

// produce(i, place) for every i below `count` on worker threads (0: as many as there are cores),
// and consume(i, place) for each on the caller's thread in the order of i, as soon as it is
// produced. At most `ahead` indexes are produced ahead of the one being consumed, and each uses
// place i % ahead, free again once consumed: what a place holds is bounded whatever the count,
// and no worker waits for a whole batch to finish. consume() returning false stops the run: no
// new index is started, and in_order returns false. The first exception, from either side, is
// rethrown once every worker has returned.
bool in_order(std::size_t count, std::size_t ahead, unsigned threads,
              const std::function<void(std::size_t index, std::size_t place)>& produce,
              const std::function<bool(std::size_t index, std::size_t place)>& consume);

// Work moved off the caller's thread: started at once on a thread of its own (or, when asked to
// or no thread can be had, on the caller's thread in wait()). wait() returns when it is done and
// rethrows what it threw; the destructor waits too, so what the work fills outlives it when
// declared before it.
class Background {
 public:
  Background() = default;
  explicit Background(std::function<void()> work, bool on_own_thread = true);
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;
  Background(Background&& other) noexcept = delete;
  Background& operator=(Background&& other) = delete;
  ~Background();

  // Starts `work`; the previous work, if any, must have been waited for.
  void start(std::function<void()> work, bool on_own_thread = true);
  // Whether work was started and not yet waited for.
  [[nodiscard]] bool pending() const { return pending_; }
  void wait();

 private:
  void run() noexcept;
  std::function<void()> work_;
  std::thread thread_;
  std::exception_ptr failure_;
  bool pending_ = false;
};

}  // namespace scapc::parallel
