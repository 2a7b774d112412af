# PyTorch float64 side of `npm run bench` (src/bench/main.ts): the same mat-vecs and LR+GD on the matrix gdlab wrote.
#
# Usage: /usr/bin/python3 torch_bench.py DIR N D STEP ITERS REPS
# Reads DIR/X.f64 (N×D row-major), y.f64, v.f64 (D), c.f64 (N), all little-endian float64 written by gdlab;
# writes DIR/torch-Xv.f64, torch-XTc.f64, torch-w.f64 for the agreement checks and prints one JSON line of timings.
# Single-threaded like gdlab: torch.set_num_threads(1) here, OMP/MKL/OPENBLAS_NUM_THREADS=1 in the environment.
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def timed(fn, reps, warmup):
    """(median milliseconds over reps runs after warmup runs, the last run's result)."""
    for _ in range(warmup):
        fn()
    times, out = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), out


def lr_gd(X, y, step, iters):
    # The straightforward researcher's loop: softplus loss, autograd, in-place update.
    w = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
    for _ in range(iters):
        loss = F.softplus(-y * (X @ w)).mean()
        loss.backward()
        with torch.no_grad():
            w -= step * w.grad
        w.grad = None
    return w.detach()


def blas_library():
    # The BLAS shared object actually mapped into this process (torch's BLAS_INFO=generic says little).
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.lower() or "mkl" in line.lower()}
    return ", ".join(sorted(os.path.realpath(p) for p in libs if p.startswith("/"))) or "unknown"


def main():
    folder, n, d, step, iters, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    torch.set_num_threads(1)
    read = lambda name, count: torch.from_numpy(np.fromfile(os.path.join(folder, name), dtype="<f8", count=count))
    X = read("X.f64", n * d).reshape(n, d)
    y, v, c = read("y.f64", n), read("v.f64", d), read("c.f64", n)

    gemv_ms, Xv = timed(lambda: X @ v, 7, 2)
    gemvT_ms, XTc = timed(lambda: X.T @ c, 7, 2)
    lr_gd(X, y, step, 10)  # warm-up
    lrgd_ms, w = timed(lambda: lr_gd(X, y, step, iters), reps, 0)

    for name, t in (("torch-Xv.f64", Xv), ("torch-XTc.f64", XTc), ("torch-w.f64", w)):
        t.numpy().astype("<f8").tofile(os.path.join(folder, name))
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": blas_library(),
        "gemvMs": gemv_ms,
        "gemvTMs": gemvT_ms,
        "lrGdMs": lrgd_ms,
    }))


if __name__ == "__main__":
    main()
