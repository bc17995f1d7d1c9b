# The environment every JVM of the kit runs with; sourced by ./fearec, bench/run and
# notebooks/install.sh (which copies it into the kernelspec). The parent pom.xml gives the tests
# the same values. Each can be overridden from the caller's environment. The measurements
# behind them are in docs/djl.md (§1 offline start, §4 threads, §5 malloc).

# DJL must never try to reach the network (telemetry, engine downloads).
export DJL_OFFLINE=true
# libtorch's OpenMP threads spin while they wait: next to any other busy process on a 2-core
# machine that makes both many times slower. Passive waits avoid it.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# libtorch prints a deprecation warning at start-up that says nothing to users.
export TORCH_CPP_LOG_LEVEL="${TORCH_CPP_LOG_LEVEL:-ERROR}"
# libtorch allocates every intermediate array with malloc and frees it soon after. glibc serves
# blocks of 128 KiB and more (one (256, 50, 64) array is 3.3 MB) with mmap and hands them back
# to the kernel on free, so every step touches fresh pages, and page faults are slow in a VM.
# Keeping such blocks in the heap (mmap only above 32 MiB, trim only above 4 GiB free) made a
# FEARec training step 1.5x faster here (docs/benchmarks.md). One arena (the JVM's threads would
# otherwise get 64 MiB heaps of their own) lets freed blocks coalesce: resident memory then
# levels off within a few hundred steps instead of creeping up (the soak in docs/benchmarks.md).
# Other C libraries ignore the variable.
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967296:glibc.malloc.top_pad=67108864:glibc.malloc.arena_max=1}"
