#!/usr/bin/env bash
# Installs the Debian packages scapc builds and tests with, skipping those already present.
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libxml2-dev libpugixml-dev nlohmann-json3-dev libcli11-dev catch2 libpcre2-dev
  openscap-scanner openscap-utils xsltproc libxml2-utils ssg-debian
  python3 python3-jsonschema chromium time
  clang libclang-rt-14-dev llvm
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Node.js runs STIG Manager's parser in the tests; any node on PATH will do.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
