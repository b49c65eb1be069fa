// Assay benchmark kernels. The agent ships assay_bench.ptx (next to this file) and loads it with
// cuModuleLoadData; regenerate it with
//   nvcc -ptx -arch=sm_80 -o assay_bench.ptx assay_bench.cu
// (sm_80 PTX runs on Ampere and, JIT-compiled by the driver, on Hopper and later).
// Every kernel writes one value per thread so the compiler cannot drop the work it measures.

#include <cstdint>

// FP32 FMA throughput: 8 independent chains per thread, 128 FMAs (256 FLOP) per trip; the long trip keeps
// the loop's own instructions under 3% of the issue slots.
extern "C" __global__ void fma_f32(float* out, unsigned iters) {
    unsigned id = blockIdx.x * blockDim.x + threadIdx.x;
    float x = id * 5.9604645e-08f;  // 2^-24: a different start per thread, never zero
    float a0 = x + 1, a1 = x + 2, a2 = x + 3, a3 = x + 4, a4 = x + 5, a5 = x + 6, a6 = x + 7, a7 = x + 8;
    const float m = 0.999999f, c = 0.001f;
    do {
#pragma unroll
        for (int u = 0; u < 16; u++) {
            a0 = fmaf(a0, m, c); a1 = fmaf(a1, m, c); a2 = fmaf(a2, m, c); a3 = fmaf(a3, m, c);
            a4 = fmaf(a4, m, c); a5 = fmaf(a5, m, c); a6 = fmaf(a6, m, c); a7 = fmaf(a7, m, c);
        }
    } while (--iters != 0);
    out[id] = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
}

// STREAM triad a = b + s*c over n4 float4 elements, grid-stride, 16-byte accesses.
extern "C" __global__ void triad_f32(float4* a, const float4* b, const float4* c, float s, unsigned long long n4) {
    unsigned long long i = (unsigned long long) blockIdx.x * blockDim.x + threadIdx.x;
    unsigned long long stride = (unsigned long long) gridDim.x * blockDim.x;
    for (; i < n4; i += stride) {
        float4 x = b[i], y = c[i];
        a[i] = make_float4(fmaf(y.x, s, x.x), fmaf(y.y, s, x.y), fmaf(y.z, s, x.z), fmaf(y.w, s, x.w));
    }
}

#define MMA_BF16(d, a, b) \
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};" \
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]) : "r"(a), "r"(a), "r"(a), "r"(a), "r"(b), "r"(b))
#define MMA_S8(d, a, b) \
    asm volatile("mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};" \
                 : "+r"(d[0]), "+r"(d[1]), "+r"(d[2]), "+r"(d[3]) : "r"(a), "r"(a), "r"(a), "r"(a), "r"(b), "r"(b))

// Tensor-core BF16 throughput: per warp 4 independent accumulators, 8 mma.sync m16n8k16 (8 x 4096 FLOP)
// per trip. Operands are bf16 pairs a^(id&mix), b^(id&mix); with mix = 0 and a = b = 1.0 every
// thread's sum is 512 * iters exactly, which the agent checks before timing.
extern "C" __global__ void mma_bf16(float* out, unsigned iters, unsigned a, unsigned b, unsigned mix) {
    unsigned id = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned ra = a ^ (id & mix), rb = b ^ (id & mix);
    float d0[4] = {0, 0, 0, 0}, d1[4] = {0, 0, 0, 0}, d2[4] = {0, 0, 0, 0}, d3[4] = {0, 0, 0, 0};
    do {
        MMA_BF16(d0, ra, rb); MMA_BF16(d1, ra, rb); MMA_BF16(d2, ra, rb); MMA_BF16(d3, ra, rb);
        MMA_BF16(d0, ra, rb); MMA_BF16(d1, ra, rb); MMA_BF16(d2, ra, rb); MMA_BF16(d3, ra, rb);
    } while (--iters != 0);
    float sum = 0;
#pragma unroll
    for (int k = 0; k < 4; k++) sum += d0[k] + d1[k] + d2[k] + d3[k];
    out[id] = sum;
}

// Tensor-core INT8 throughput: as mma_bf16 with mma.sync m16n8k32 s8 (8 x 8192 ops per trip);
// with mix = 0 and a = b = 0x01010101 every thread's sum is 1024 * iters exactly.
extern "C" __global__ void mma_s8(int* out, unsigned iters, unsigned a, unsigned b, unsigned mix) {
    unsigned id = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned ra = a ^ (id & mix), rb = b ^ (id & mix);
    int d0[4] = {0, 0, 0, 0}, d1[4] = {0, 0, 0, 0}, d2[4] = {0, 0, 0, 0}, d3[4] = {0, 0, 0, 0};
    do {
        MMA_S8(d0, ra, rb); MMA_S8(d1, ra, rb); MMA_S8(d2, ra, rb); MMA_S8(d3, ra, rb);
        MMA_S8(d0, ra, rb); MMA_S8(d1, ra, rb); MMA_S8(d2, ra, rb); MMA_S8(d3, ra, rb);
    } while (--iters != 0);
    int sum = 0;
#pragma unroll
    for (int k = 0; k < 4; k++) sum += d0[k] + d1[k] + d2[k] + d3[k];
    out[id] = sum;
}
