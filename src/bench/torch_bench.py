# PyTorch float64 side of `npm run bench` (src/bench/main.ts): each workload as a straightforward PyTorch script would
# write it, and for W1, W2, W4 also hand-optimised (all step sizes batched, gradients by hand, m_cv shifts on v).
#
# Usage: /usr/bin/python3 torch_bench.py WORKLOAD DIR
# Reads DIR/spec.json (sizes, step sizes, iteration counts, threads) and the little-endian float64 arrays gdlab wrote
# (DIR/<name>.f64); writes its results as DIR/torch-<name>.f64 and prints one JSON line (times in ms, BLAS library).
# Threads: torch.set_num_threads(spec["threads"]) here, OMP/MKL/OPENBLAS_NUM_THREADS set by the caller.
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

F64 = torch.float64


def blas_library():
    # The BLAS shared object actually mapped into this process (torch's BLAS_INFO=generic says little).
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.lower() or "mkl" in line.lower()}
    return ", ".join(sorted(os.path.realpath(p) for p in libs if p.startswith("/"))) or "unknown"


class Io:
    def __init__(self, folder):
        self.folder = folder
        with open(os.path.join(folder, "spec.json")) as f:
            self.spec = json.load(f)

    def read(self, name, *shape):
        a = np.fromfile(os.path.join(self.folder, name + ".f64"), dtype="<f8")
        return torch.from_numpy(a).reshape(*shape) if shape else torch.from_numpy(a)

    def write(self, name, t):
        t.detach().contiguous().numpy().astype("<f8").tofile(os.path.join(self.folder, "torch-" + name + ".f64"))


def timed(fn, prefix):
    # Wall clock and process CPU time (every thread), in ms, under the keys <prefix>Ms and <prefix>CpuMs.
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return {prefix + "Ms": (time.perf_counter() - t0) * 1e3, prefix + "CpuMs": (time.process_time() - c0) * 1e3}, out


# ---- W1: LR+GD, linear model, S step sizes ------------------------------------------------------------------------

def lr_gd_plain(X, y, step, iters):
    # The researcher's loop: softplus loss, autograd, in-place update.
    w = torch.zeros(X.shape[1], dtype=F64, requires_grad=True)
    for _ in range(iters):
        loss = F.softplus(-y * (X @ w)).mean()
        loss.backward()
        with torch.no_grad():
            w -= step * w.grad
        w.grad = None
    return w.detach()


def lr_gd_batched(X, y, steps, iters):
    # Hand-optimised: all step sizes as the columns of W, the gradient by hand, two products per iteration.
    n = X.shape[0]
    W = torch.zeros(X.shape[1], len(steps), dtype=F64)
    scale = (torch.tensor(steps, dtype=F64) / n)[None, :]
    yc = y[:, None]
    with torch.no_grad():
        for _ in range(iters):
            C = torch.sigmoid(-yc * (X @ W)) * yc * scale
            W.addmm_(X.T, C)
    return W.T


def w1(io):
    s = io.spec
    X, y = io.read("X", s["n"], s["d"]), io.read("y")
    steps, iters = s["steps"], s["iters"]
    lr_gd_plain(X, y, steps[0], 2)  # warm-up
    lr_gd_batched(X, y, steps, 2)
    plain_t, plain = timed(lambda: torch.stack([lr_gd_plain(X, y, g, iters) for g in steps]), "plain")
    batched_t, batched = timed(lambda: lr_gd_batched(X, y, steps, iters), "batched")
    io.write("plain", plain)
    io.write("batched", batched)
    return {**plain_t, **batched_t}


# ---- W2: m_cv, k shifts ------------------------------------------------------------------------------------------

def mcv_plain(X, y, w0, k, step, iters):
    # The formula as written, m_i = vᵀ Σ_j c_j P^j b_i: the data rolled with torch.roll, autograd.
    c = w0[:k].clone().requires_grad_(True)
    v = w0[k:].clone().requires_grad_(True)
    for _ in range(iters):
        m = sum(c[j] * (torch.roll(X, j, 1) @ v) for j in range(k))
        loss = F.softplus(-y * m).mean()
        loss.backward()
        with torch.no_grad():
            c -= step * c.grad
            v -= step * v.grad
        c.grad = None
        v.grad = None
    return torch.cat([c.detach(), v.detach()])


def mcv_batched(X, y, w0, k, steps, iters):
    # Hand-optimised: shifts on v (vᵀP^j b = (P^{-j} v)ᵀ b), all step sizes batched, gradients by hand.
    n = X.shape[0]
    S = len(steps)
    c = w0[:k, None].repeat(1, S)
    V = w0[k:, None].repeat(1, S)
    scale = (torch.tensor(steps, dtype=F64) / n)[None, :]
    yc = y[:, None]
    with torch.no_grad():
        for _ in range(iters):
            U = sum(c[j] * torch.roll(V, -j, 0) for j in range(k))
            C = torch.sigmoid(-yc * (X @ U)) * yc * scale
            G = X.T @ C
            dc = torch.stack([(V * torch.roll(G, j, 0)).sum(0) for j in range(k)])
            dV = sum(c[j] * torch.roll(G, j, 0) for j in range(k))
            c += dc
            V += dV
    return torch.cat([c, V]).T


def w2(io):
    s = io.spec
    X, y, w0 = io.read("X", s["n"], s["d"]), io.read("y"), io.read("w0")
    k, steps, iters = s["k"], s["steps"], s["iters"]
    mcv_plain(X, y, w0, k, steps[0], 2)
    mcv_batched(X, y, w0, k, steps, 2)
    # Rolling the data costs ~0.2 s per iteration: the plain script runs only plainIters of the iterations
    # (GD's cost per iteration is constant, the caller scales the time); its w is not compared.
    plain_t, _ = timed(lambda: [mcv_plain(X, y, w0, k, g, s["plainIters"]) for g in steps], "plain")
    batched_t, batched = timed(lambda: mcv_batched(X, y, w0, k, steps, iters), "batched")
    io.write("batched", batched)
    return {**plain_t, **batched_t}


# ---- W3: two-layer ReLU network -----------------------------------------------------------------------------------

def two_layer_loss(X, y, W, a):
    return F.softplus(-y * (torch.relu(X @ W.T) @ a)).mean()


def two_layer_plain(X, y, w0, width, step, iters):
    d = X.shape[1]
    W = w0[: width * d].reshape(width, d).clone().requires_grad_(True)
    a = w0[width * d:].clone().requires_grad_(True)
    for _ in range(iters):
        two_layer_loss(X, y, W, a).backward()
        with torch.no_grad():
            W -= step * W.grad
            a -= step * a.grad
        W.grad = None
        a.grad = None
    return torch.cat([W.detach().reshape(-1), a.detach()])


def fastest_call_ms(fn, calls):
    # The fastest of `calls` timed calls (after one warm-up), in ms: a kernel's speed on this machine without its slow spells.
    fn()
    best = float("inf")
    for _ in range(calls):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1e3


def w3(io):
    s = io.spec
    X, y, w0 = io.read("X3", s["n3"], s["d3"]), io.read("y3"), io.read("w03")
    two_layer_plain(X, y, w0, s["width"], s["step3"], 2)
    t, w = timed(lambda: two_layer_plain(X, y, w0, s["width"], s["step3"], s["iters3"]), "plain")
    io.write("w3", w)
    # The forward product X·Wᵀ alone (OpenBLAS dgemm), as gdlab's bench times its gemm.
    W = w0[: s["width"] * s["d3"]].reshape(s["width"], s["d3"])
    t["forwardProductMs"] = fastest_call_ms(lambda: X @ W.T, s["calls3"])
    return t


# ---- W4: the C4 step-size sweeps at d = 1024 ----------------------------------------------------------------------

def window(counts, j):
    val = lambda c: c[0] if c is not None and c[1] == "separated" else float("inf")
    return max(val(counts[j - 1]), val(counts[j]), val(counts[j + 1]))


def sweep_plain(X, y, w0, forward, steps, cap):
    # claims/c4.ts sweepSteps: from the largest γ down, each run capped at the best robust count so far.
    def count(step, limit):
        w = w0.clone().requires_grad_(True)
        t = 0
        while True:
            m = forward(w)
            if not (torch.isfinite(m).all() and torch.isfinite(w).all()):
                return (t, "diverged")
            if bool((y * m > 0).all()):
                return (t, "separated")
            if t >= limit:
                return (t, "max-iter")
            F.softplus(-y * m).mean().backward()
            with torch.no_grad():
                w -= step * w.grad
            w.grad = None
            t += 1

    counts = [None] * len(steps)
    bound = cap
    for j in range(len(steps) - 1, -1, -1):
        counts[j] = count(steps[j], bound)
        if j + 2 < len(steps):
            bound = min(bound, window(counts, j + 1))
    return counts


def sweep_batched(X, y, w0, k, steps, cap):
    # Hand-optimised: every γ in lockstep, gradients by hand, the same caps (a run j stops once a window of
    # three finished runs above it has its worst count ≤ t).
    S, n = len(steps), X.shape[0]
    P = w0.shape[0]
    W = w0[:, None].repeat(1, S)
    scale = (torch.tensor(steps, dtype=F64) / n)[None, :]
    yc = y[:, None]
    counts = [None] * S
    caps = [cap] * S
    active = list(range(S))
    t = 0
    with torch.no_grad():
        while active:
            Wa = W[:, active]
            U = Wa if k == 0 else Wa[:1] * Wa[1:]
            M = X @ U
            finite = (torch.isfinite(M).all(0) & torch.isfinite(Wa).all(0)).tolist()
            sep = (yc * M > 0).all(0).tolist()
            going = []
            for b, j in enumerate(active):
                if not finite[b]:
                    counts[j] = (t, "diverged")
                elif sep[b]:
                    counts[j] = (t, "separated")
                else:
                    going.append(b)
            if len(going) < len(active):  # a run stopped: the caps may fall
                for j in range(S):
                    caps[j] = min([cap] + [window(counts, c) for c in range(j + 2, S - 1)])
            still = []
            for b in going:
                if t >= caps[active[b]]:
                    counts[active[b]] = (t, "max-iter")
                else:
                    still.append(b)
            if not still:
                break
            idx = torch.tensor(still)
            cols = [active[b] for b in still]
            Mb, Wb = M[:, idx], Wa[:, idx]
            C = torch.sigmoid(-yc * Mb) * yc * scale[:, cols]
            G = X.T @ C
            if k == 0:
                W[:, cols] = Wb + G
            else:
                W[:, cols] = Wb + torch.cat([(Wb[1:] * G).sum(0, keepdim=True), Wb[:1] * G])
            active = cols
            t += 1
    return counts


def w4(io):
    s = io.spec
    X, y = io.read("X4", 2, s["d4"]), io.read("y4")
    steps, cap = s["steps4"], s["cap4"]
    w_lin, w_k1 = io.read("w0lin"), io.read("w0k1")
    lin = lambda w: X @ w
    k1 = lambda w: w[0] * (X @ w[1:])
    sweep_plain(X, y, w_lin, lin, steps[-3:], 5)  # warm-up
    sweep_batched(X, y, w_lin, 0, steps[-3:], 5)
    plain_t, plain = timed(lambda: (sweep_plain(X, y, w_lin, lin, steps, cap), sweep_plain(X, y, w_k1, k1, steps, cap)), "plain")
    batched_t, batched = timed(lambda: (sweep_batched(X, y, w_lin, 0, steps, cap), sweep_batched(X, y, w_k1, 1, steps, cap)), "batched")
    return {**plain_t, **batched_t, "plainCounts": plain, "batchedCounts": batched}


# ---- W5: top-5 Hessian eigenvalues of the W3 loss by Lanczos --------------------------------------------------------

def lanczos_top(hvp, start, iters, k):
    # Full reorthogonalisation (twice), as src/linalg/lanczos.ts; eigenvalues of the tridiagonal matrix.
    q = start / start.norm()
    Q, alpha, beta = [q], [], []
    for i in range(iters):
        z = hvp(Q[-1])
        alpha.append(torch.dot(Q[-1], z))
        B = torch.stack(Q, 1)
        for _ in range(2):
            z = z - B @ (B.T @ z)
        b = z.norm()
        if i + 1 == iters:
            break
        beta.append(b)
        Q.append(z / b)
    T = torch.diag(torch.stack(alpha)) + torch.diag(torch.stack(beta), 1) + torch.diag(torch.stack(beta), -1)
    return torch.linalg.eigvalsh(T).flip(0)[:k]


def w5(io):
    s = io.spec
    X, y, w = io.read("X3", s["n3"], s["d3"]), io.read("y3"), io.read("w03")
    start = io.read("start5")
    width, d = s["width"], s["d3"]

    def run(iters):
        p = w.clone().requires_grad_(True)
        loss = two_layer_loss(X, y, p[: width * d].reshape(width, d), p[width * d:])
        (g,) = torch.autograd.grad(loss, p, create_graph=True)
        hvp = lambda v: torch.autograd.grad(g, p, grad_outputs=v, retain_graph=True)[0].detach()
        return lanczos_top(hvp, start, iters, 5)

    run(6)  # warm-up
    t, top = timed(lambda: run(s["iters5"]), "plain")
    io.write("top5", top)
    return t


def main():
    workload, folder = sys.argv[1], sys.argv[2]
    io = Io(folder)
    torch.set_num_threads(io.spec["threads"])
    out = {"w1": w1, "w2": w2, "w3": w3, "w4": w4, "w5": w5}[workload](io)
    out.update({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library()})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
