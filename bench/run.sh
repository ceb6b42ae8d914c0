#!/usr/bin/env bash
# Prints every figure of issue 19's table in one run: whole processes where
# the figure is about a process, go test benchmarks for the in-process ones.
# Usage: bench/run.sh [-quick]
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run ./bench "$@"
