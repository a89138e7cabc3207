#include <pthread.h>
#include <scapc/parallel.h>

#include <algorithm>
#include <atomic>
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
