#include <pthread.h>
#include <scapc/parallel.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <system_error>
#include <utility>
#include <vector>

namespace scapc::parallel {

unsigned cores() {
  return std::max(1U, std::thread::hardware_concurrency());
}

void on_termination(std::function<void(int signal)> cleanup) {
  sigset_t signals;
  sigemptyset(&signals);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, signal);
  if (pthread_sigmask(SIG_BLOCK, &signals, nullptr) != 0) return;
  try {
    std::thread([signals, cleanup = std::move(cleanup)]() {
      int signal = 0;
      if (sigwait(&signals, &signal) != 0) return;
      cleanup(signal);
      std::_Exit(128 + signal);
    }).detach();
  } catch (const std::system_error&) {
    // No thread to be had: the signals keep their default action.
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
  }
}

void workers(std::size_t threads, const std::function<void(std::size_t worker)>& work) {
  threads = std::max<std::size_t>(1, threads);
  std::vector<std::exception_ptr> failures(threads);
  const auto guarded = [&](std::size_t worker) {
    try {
      work(worker);
    } catch (...) {
      failures[worker] = std::current_exception();
    }
  };
  std::vector<std::thread> helpers;
  helpers.reserve(threads - 1);
  for (std::size_t worker = 1; worker < threads; ++worker) {
    try {
      helpers.emplace_back(guarded, worker);
    } catch (const std::system_error&) {
      // No more threads to be had: the workers started so far, this one included, do the work.
      break;
    }
  }
  guarded(0);
  for (auto& helper : helpers) helper.join();
  for (const auto& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

void for_each_index(std::size_t count, const std::function<void(std::size_t index)>& work, unsigned most_threads) {
  if (count == 0) return;
  std::atomic<std::size_t> next{0};
  const auto limit = most_threads == 0 ? cores() : most_threads;
  workers(std::min<std::size_t>(limit, count), [&](std::size_t) {
    for (auto i = next++; i < count; i = next++) {
      try {
        work(i);
      } catch (...) {
        next = count;  // the other workers start nothing new
        throw;
      }
    }
  });
}

namespace {
// The state in_order's threads share, under one lock.
class InOrder {
 public:
  InOrder(std::size_t count, std::size_t ahead, const std::function<void(std::size_t, std::size_t)>& produce)
      : count_(count), ahead_(ahead), produce_(produce), ready_(ahead, 0) {}

  // A worker: produces what the window allows until everything is claimed or the run stopped.
  void work() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      changed_.wait(lock, [&] { return stopped_ || next_ >= count_ || can_claim(); });
      if (stopped_ || next_ >= count_) return;
      produce_one(lock);
    }
  }

  // The caller's thread: waits for each index in order, producing one itself while it waits (so
  // the run goes on when no worker thread could be had).
  bool consume_all(const std::function<bool(std::size_t, std::size_t)>& consume) {
    for (std::size_t i = 0; i < count_; ++i) {
      const auto place = i % ahead_;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!stopped_ && ready_[place] == 0) {
          if (can_claim()) {
            produce_one(lock);
          } else {
            changed_.wait(lock);
          }
        }
        if (stopped_) return false;
      }
      bool ok = false;
      try {
        ok = consume(i, place);
      } catch (...) {
        stop(std::current_exception());
        throw;
      }
      const std::lock_guard<std::mutex> hold(mutex_);
      ready_[place] = 0;
      consumed_ = i + 1;
      stopped_ = stopped_ || !ok;
      changed_.notify_all();
      if (!ok) return false;
    }
    return true;
  }

  void stop(std::exception_ptr failure) {
    const std::lock_guard<std::mutex> hold(mutex_);
    if (!failure_) failure_ = std::move(failure);
    stopped_ = true;
    changed_.notify_all();
  }
  [[nodiscard]] std::exception_ptr failure() const { return failure_; }

 private:
  // Whether an index is left and its place is free (the index `ahead_` before it was consumed).
  [[nodiscard]] bool can_claim() const { return next_ < count_ && next_ < consumed_ + ahead_; }

  // Claims the next index and produces it with the lock released.
  void produce_one(std::unique_lock<std::mutex>& lock) {
    const auto index = next_++;
    lock.unlock();
    try {
      produce_(index, index % ahead_);
    } catch (...) {
      lock.lock();
      if (!failure_) failure_ = std::current_exception();
      stopped_ = true;
      changed_.notify_all();
      return;
    }
    lock.lock();
    ready_[index % ahead_] = 1;
    changed_.notify_all();
  }

  std::size_t count_;
  std::size_t ahead_;
  const std::function<void(std::size_t, std::size_t)>& produce_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<char> ready_;
  std::size_t next_ = 0;      // the next index to claim
  std::size_t consumed_ = 0;  // indexes consumed, all below it
  bool stopped_ = false;
  std::exception_ptr failure_;
};
}  // namespace

bool in_order(std::size_t count, std::size_t ahead, unsigned threads,
              const std::function<void(std::size_t index, std::size_t place)>& produce,
              const std::function<bool(std::size_t index, std::size_t place)>& consume) {
  if (count == 0) return true;
  InOrder run(count, std::max<std::size_t>(1, ahead), produce);
  const auto producers = std::min<std::size_t>(threads == 0 ? cores() : threads, count);
  bool ok = false;
  workers(producers + 1, [&](std::size_t worker) {
    if (worker > 0) return run.work();
    // Whatever way consuming ends, the workers are told to stop before they are waited for.
    struct Release {
      InOrder& run;
      ~Release() { run.stop(nullptr); }
    } release{run};
    ok = run.consume_all(consume);
  });
  if (run.failure()) std::rethrow_exception(run.failure());
  return ok;
}

Background::Background(std::function<void()> work, bool on_own_thread) {
  start(std::move(work), on_own_thread);
}

Background::~Background() {
  if (thread_.joinable()) thread_.join();
}

void Background::start(std::function<void()> work, bool on_own_thread) {
  work_ = std::move(work);
  failure_ = nullptr;
  pending_ = true;
  if (!on_own_thread) return;
  try {
    thread_ = std::thread([this] { run(); });
  } catch (const std::system_error&) {
    // No thread to be had: the work runs in wait().
  }
}

void Background::run() noexcept {
  try {
    work_();
  } catch (...) {
    failure_ = std::current_exception();
  }
}

void Background::wait() {
  if (!pending_) return;
  pending_ = false;
  if (thread_.joinable()) {
    thread_.join();
  } else {
    run();
  }
  work_ = nullptr;
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

}  // namespace scapc::parallel
