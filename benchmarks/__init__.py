"""Benchmarks for the site generator: `make bench` runs benchmarks.run and writes benchmarks/results.md."""
