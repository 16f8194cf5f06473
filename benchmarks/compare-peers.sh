#!/usr/bin/env bash
# Measures descent's workloads W1, W2, W3 and I1 at 512, 256 and 128 bits on 1 and 2 threads, the
# in-process FMA peak at each width, and the peers' programs from ../shared/anchors in one sitting, and
# prints the tables of benchmarks/README.md: times, shares of the FMA peak, ratios to the peers.
#
#   benchmarks/compare-peers.sh [--quick]
#
# Environment: DESCENT_DATA (default ../shared/data), ANCHORS (default ../shared/anchors),
# OPENBLAS_LIB (a folder holding libopenblas.so.0 for NumPy and PyTorch; default: Debian's BLAS).
# BITS (default "512,256,128"; widths wider than the CPU's are refused by the kernels).
# Peers that are not installed (gcc, python3-numpy, python3-torch) are reported as missing.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
[ "${1:-}" = "--quick" ] && quick=true

for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
  if [ -n "$candidate" ] && "$candidate/bin/java" -version 2>&1 | grep -q 'version "25'; then
    export JAVA_HOME="$candidate"; break
  fi
done
export PATH="$JAVA_HOME/bin:$PATH"
DESCENT_DATA="${DESCENT_DATA:-$(cd ../shared/data && pwd)}"
export DESCENT_DATA
ANCHORS="${ANCHORS:-$(cd ../shared/anchors && pwd)}"
out="$(mktemp -d)"
[ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -DskipTests package

if $quick; then
  jmh=(java -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -i 5 -w 500ms -r 500ms)
  epochs=3
else
  jmh=(java -jar benchmarks/target/benchmarks.jar)
  epochs=6
fi

export BITS="${BITS:-512,256,128}"
echo "== descent (JMH), widths $BITS" >&2
"${jmh[@]}" FmaPeakBenchmark -p bits="$BITS" -rf json -rff "$out/peak.json" >&2
"${jmh[@]}" EpochBenchmark -p threads=1,2 -p bits="$BITS" -rf json -rff "$out/w1.json" >&2
# W1b (batch 1) and W1 on MNIST's 10,000-image training file (81% zero pixels), one thread.
"${jmh[@]}" EpochBenchmark -p threads=1 -p batch=1,10 -p data=fashion-mnist,mnist -p bits="$BITS" \
  -rf json -rff "$out/w1b.json" >&2
"${jmh[@]}" TrainStepBenchmark -p workload=W2,W3 -p kernels=simd -p threads=1,2 -p bits="$BITS" \
  -rf json -rff "$out/step.json" >&2
"${jmh[@]}" InferenceBenchmark -p kernels=simd -p threads=1,2 -p bits="$BITS" -rf json -rff "$out/i1.json" >&2

echo "== peers" >&2
fashion="$DESCENT_DATA/fashion-mnist"
if command -v gcc >/dev/null; then
  for prog in mlp mlp_blk; do
    gcc -O3 -march=native -ffast-math -o "$out/$prog" "$ANCHORS/c/$prog.c" -lz -lm
    "$out/$prog" "$fashion" 10 3.0 "$epochs" 1 2>/dev/null | tail -n 1 > "$out/c-$prog.json" || echo "$prog failed" >&2
  done
  "$out/mlp" "$fashion" 1 0.3 3 1 2>/dev/null | tail -n 1 > "$out/c-mlp-b1.json" || echo "mlp at batch 1 failed" >&2
  gcc -O2 -march=native -o "$out/fma_peak" "$ANCHORS/c/fma_peak.c" && "$out/fma_peak" > "$out/c-peak.txt" 2>&1 || true
fi
# I1 with ONNX Runtime's Java API (the anchors' program, built in a copy: ../shared may be read-only), on the
# W1 graph that the anchors' script writes (needs Debian's python3-onnx).
if command -v mvn >/dev/null && /usr/bin/python3 -c "import onnx" 2>/dev/null; then
  cp -r "$ANCHORS/onnx" "$out/onnx"
  if (cd "$out/onnx" && mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=cp.txt >&2) \
     && /usr/bin/python3 "$out/onnx/make_w1_onnx.py" - "$out/w1.onnx" >&2; then
    for threads in 1 2; do
      name=onnx-i1; [ "$threads" = 1 ] || name=onnx-i1-$threads
      java --enable-native-access=ALL-UNNAMED -cp "$out/onnx/target/classes:$(cat "$out/onnx/cp.txt")" perf.OrtW1 \
        "$out/w1.onnx" "$fashion" "$threads" 50 2>/dev/null | tail -n 1 > "$out/$name.json" \
        || echo "ONNX Runtime on $threads threads failed" >&2
    done
  fi
fi
PYTHON="${PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}"
# One BLAS thread unless a run says otherwise: OpenBLAS starts a thread per core of its own accord,
# whatever torch.set_num_threads says, and a "1 thread" peer would use both cores.
py_env=(env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1)
[ -n "${OPENBLAS_LIB:-}" ] && py_env+=("LD_LIBRARY_PATH=$OPENBLAS_LIB")
if "$PYTHON" -c "import numpy" 2>/dev/null; then
  (cd "$ANCHORS/.." && ANCHOR_DATA="$DESCENT_DATA" "${py_env[@]}" "$PYTHON" "$ANCHORS/numpy_mlp.py" \
     --data fashion-mnist --batch 10 --epochs "$epochs" 2>/dev/null | tail -n 1 > "$out/numpy-w1.json")
  # I1 for NumPy: the seed network's forward pass over the 10,000 test images as three matrix products.
  "${py_env[@]}" "$PYTHON" - "$fashion" > "$out/numpy-i1.json" <<'PY'
import gzip, json, statistics, sys, time
import numpy as np
with gzip.open(sys.argv[1] + "/t10k-images-idx3-ubyte.gz") as f:
    x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255
rng = np.random.default_rng(1)
layers = [(rng.standard_normal((a, b), dtype=np.float32), rng.standard_normal(b, dtype=np.float32))
          for a, b in ((784, 16), (16, 16), (16, 10))]
def forward(a):
    for w, b in layers:
        a = 1 / (1 + np.exp(-(a @ w + b)))
    return a.argmax(1)
times = []
for _ in range(30):
    t = time.perf_counter(); forward(x); times.append(time.perf_counter() - t)
print(json.dumps({"median_ms": round(statistics.median(times[5:]) * 1000, 3)}))
PY
fi
if "$PYTHON" -c "import torch" 2>/dev/null; then
  run_torch() { # name, threads, extra args...
    local name=$1 threads=$2; shift 2
    # PASSIVE: with the default policy OpenMP's idle threads spin, and PyTorch on 2 threads took ~5x longer.
    (cd "$ANCHORS/.." && ANCHOR_DATA="$DESCENT_DATA" "${py_env[@]}" OPENBLAS_NUM_THREADS="$threads" \
       OMP_NUM_THREADS="$threads" OMP_WAIT_POLICY=PASSIVE "$PYTHON" "$ANCHORS/torch_mlp.py" --data fashion-mnist --threads "$threads" "$@" \
       2>/dev/null | tail -n 1 > "$out/torch-$name.json") || echo "torch $name failed" >&2
  }
  run_torch w1 1 --batch 10 --epochs "$epochs"
  run_torch w2 1 --batch 10 --epochs 3 --sizes 784,100,10
  run_torch w3 1 --batch 128 --epochs 3 --sizes 784,512,512,10
  run_torch w3-2 2 --batch 128 --epochs 3 --sizes 784,512,512,10
fi

python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
def load(name):
    path = os.path.join(out, name)
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return None
    text = open(path).read().strip()
    return json.loads(text) if text.startswith("{") else json.load(open(path))
def jmh(name, method=None, **params):
    for r in load(name) or []:
        if method and not r["benchmark"].endswith("." + method):
            continue
        if all(str(r["params"].get(k)) == str(v) for k, v in params.items()):
            return r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"]
    return None, None
def peer(name):
    r = load(name)
    return r and r.get("median_ms")
def fmt(ms):
    return "missing" if ms is None else f"{ms:,.1f} ms"

bits = [int(b) for b in os.environ.get("BITS", "512,256,128").split(",")]
# Floating-point operations per epoch (multiply-adds x 2, as the performance issue counts them).
FLOP = {"W1": 3.32e9, "W2": 20.1e9, "W3": 193e9, "I1": 0.26e9}
lanes = lambda b: b // 32
peak, ceiling = {}, {}
for b in bits:
    us = jmh("peak.json", "fmaChains", bits=b)[0]
    peak[b] = None if us is None else 24 * lanes(b) * 65536 / us / 1e3      # GFLOP/s, one thread
    us = jmh("peak.json", "broadcastChains", bits=b)[0]
    ceiling[b] = None if us is None else 20 * lanes(b) * 65536 / us / 1e3
epoch = lambda us, batch: None if us is None else us * 60000 / batch / 1000
ms = {}
for b in bits:
    for t in (1, 2):
        ms[("W1", b, t)] = jmh("w1.json", threads=t, bits=b)[0]
        ms[("W2", b, t)] = epoch(jmh("step.json", workload="W2", threads=t, bits=b)[0], 10)
        ms[("W3", b, t)] = epoch(jmh("step.json", workload="W3", threads=t, bits=b)[0], 128)
        ms[("I1", b, t)] = jmh("i1.json", kernels="simd", threads=t, bits=b)[0]
def share(w, b, t):
    m = ms.get((w, b, t))
    if m is None or not peak.get(b):
        return "missing"
    gflops = FLOP[w] / (m / 1000) / 1e9
    return f"{fmt(m)} ({100 * gflops / (peak[b] * t):.0f}%)"
print("FMA peak in the benchmark JVM (12 independent chains, one thread): "
      + ", ".join(f"{b} bits {peak[b]:.1f} GFLOP/s" if peak[b] else f"{b} bits missing" for b in bits))
print()
print("Ceiling of the narrow layers' loop (10 chains, each FMA's multiplicand broadcast from memory, one vector "
      "load a round, in L1): " + ", ".join(f"{b} bits {ceiling[b]:.1f} GFLOP/s ({100 * ceiling[b] / peak[b]:.0f}% of peak)"
                                           if ceiling.get(b) and peak.get(b) else f"{b} bits missing" for b in bits))
print()
print("| workload | " + " | ".join(f"{b} bits, {t} thread{'s' if t > 1 else ''}" for b in bits for t in (1, 2)) + " |")
print("|---|" + "---|" * (2 * len(bits)))
for w in ("W1", "W2", "W3", "I1"):
    cells = [share(w, b, t) for b in bits for t in (1, 2)]
    print(f"| {w} | " + " | ".join(cells) + " |")
print()
print("Floors (the FLOP count at the measured peak, one thread): "
      + "; ".join(f"{w} " + ", ".join(f"{FLOP[w] / peak[b] / 1e6:.1f} ms at {b}" for b in bits if peak[b])
                  for w in FLOP))
print()
wide = bits[0]
w1 = {t: ms[("W1", wide, t)] for t in (1, 2)}
w2 = {t: ms[("W2", wide, t)] for t in (1, 2)}
w3 = {t: ms[("W3", wide, t)] for t in (1, 2)}
i1 = {t: ms[("I1", wide, t)] for t in (1, 2)}
rows = [
    ("W1 784-16-16-10, batch 10", w1, [("C plain loops (mlp.c)", peer("c-mlp.json")),
                                        ("C register-blocked (mlp_blk.c)", peer("c-mlp_blk.json")),
                                        ("NumPy", peer("numpy-w1.json")), ("PyTorch, 1 thread", peer("torch-w1.json"))]),
    ("W2 784-100-10, batch 10", w2, [("PyTorch, 1 thread", peer("torch-w2.json"))]),
    ("W3 784-512-512-10, batch 128", w3, [("PyTorch, 1 thread", peer("torch-w3.json")),
                                          ("PyTorch, 2 threads", peer("torch-w3-2.json"))]),
    ("I1 forward, 10,000 images", i1, [("ONNX Runtime Java, 1 thread", peer("onnx-i1.json")),
                                        ("ONNX Runtime Java, 2 threads", peer("onnx-i1-2.json")),
                                        ("NumPy", peer("numpy-i1.json"))]),
]
w1b = jmh("w1b.json", batch=1, data="fashion-mnist", bits=wide)[0]
if w1b is not None:
    rows.insert(1, ("W1b, batch 1", {1: w1b, 2: None}, [("C plain loops (mlp.c), batch 1", peer("c-mlp-b1.json"))]))
print(f"Peers, against descent at {wide} bits:")
print()
print("| workload | descent, 1 thread | descent, 2 threads | peer | peer, same sitting | descent / peer (same threads) |")
print("|---|---|---|---|---|---|")
for name, ours, peers in rows:
    for i, (who, theirs) in enumerate(peers):
        mine = ours[2] if "2 threads" in who else ours[1]
        ratio = f"{mine / theirs:.3f}x" if mine and theirs else "n/a"
        first = (name, fmt(ours[1]), fmt(ours[2])) if i == 0 else ("", "", "")
        print(f"| {first[0]} | {first[1]} | {first[2]} | {who} | {fmt(theirs)} | {ratio} |")
if w3[1] and w3[2]:
    print()
    print(f"W3: {FLOP['W3'] / (w3[1] / 1000) / 1e9:.1f} GFLOP/s on 1 thread, "
          f"{FLOP['W3'] / (w3[2] / 1000) / 1e9:.1f} on 2 ({w3[1] / w3[2]:.2f}x)")
if w1[1] and w1[2]:
    print(f"W1: 2 threads / 1 thread time {w1[2] / w1[1]:.2f}")
print()
print("W1 per image on MNIST (10,000 images, 81% zero pixels) over Fashion-MNIST (60,000), one thread:")
for b in bits:
    for batch in (10, 1):
        fashion_ms = jmh("w1b.json", batch=batch, data="fashion-mnist", bits=b)[0]
        mnist_ms = jmh("w1b.json", batch=batch, data="mnist", bits=b)[0]
        if fashion_ms and mnist_ms:
            print(f"  {b} bits, batch {batch}: {mnist_ms / 10000 / (fashion_ms / 60000):.2f}x")
c_peak = os.path.join(out, "c-peak.txt")
if os.path.exists(c_peak):
    print()
    print("The C FMA peak (../shared/anchors/c/fma_peak.c) in the same sitting: "
          + "; ".join(line.strip() for line in open(c_peak) if "GFLOP" in line))
PY
