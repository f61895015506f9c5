#!/usr/bin/env bash
# Installs the Debian packages stargrade needs to build and test, if missing.
# Safe to run again: it only calls apt-get when something is absent.
set -euo pipefail

packages=(build-essential cmake libcli11-dev libyaml-cpp-dev libboost-regex-dev libfmt-dev
          catch2 nlohmann-json3-dev python3 python3-yaml python3-jsonschema chromium libxml2-utils groff-base parallel file)
# Hyperscan exists for x86-64 only; elsewhere the build does without it.
if [ "$(dpkg --print-architecture)" = amd64 ]; then
  packages+=(libhyperscan-dev pkg-config)
fi
# clang and its libFuzzer/sanitizer runtimes, for scripts/fuzz.sh only (FUZZ=1).
if [ "${FUZZ:-0}" = 1 ]; then
  packages+=(clang libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
