#!/usr/bin/env bash
# Describes the machine a benchmark ran on, as a Markdown list: numbers mean little without it.
set -uo pipefail
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
memory=$(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GiB"}')
scapc=${SCAPC:-build/cli/scapc}
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$(dirname "$scapc")/../CMakeCache.txt" 2>/dev/null)
echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "- CPU: ${cpu:-unknown}, $(nproc) cores available; memory: ${memory:-unknown}"
echo "- system: ${os:-unknown}, kernel $(uname -r)"
echo "- scapc: $(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo unknown) built by $(c++ --version | head -1), CMake build type ${build_type:-unknown}"
echo "- peers: $(oscap --version 2>/dev/null | head -1), $(xsltproc --version 2>/dev/null | head -1)"
echo "- load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) when the run started"
