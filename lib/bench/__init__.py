"""Benchmarks: scripts that print figures (TempEval-3, the seed gold, throughput), never timed tests.

    python -m lib.bench.te3 [--errors] [--json FILE] [--gold DIR]
    python -m lib.bench.seeds [--gold FILE] [--json FILE]
    python -m lib.bench.throughput [--articles N]
"""
