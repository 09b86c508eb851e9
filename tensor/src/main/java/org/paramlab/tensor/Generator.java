package org.paramlab.tensor;

import java.util.Objects;

/**
 * A random number generator that reproduces PyTorch's CPU generator bit for bit: the same seed
 * gives the same numbers as {@code torch.manual_seed(seed)} followed by {@code torch.rand},
 * {@code torch.randn}, {@code Tensor.uniform_} or {@code Tensor.normal_} on a float32 CPU tensor.
 * That is what lets a Java {@code Linear(4, 8)} start from exactly the weights PyTorch draws for
 * the same seed (D2L, "Parameter Management", and the grader's reference models).
 *
 * <p>Mirrors {@code at::CPUGeneratorImpl} (PyTorch 1.13, {@code aten/src/ATen/CPUGeneratorImpl.cpp}):
 * <ul>
 *   <li>a 32-bit Mersenne Twister ({@code at::mt19937}, {@code aten/src/ATen/core/MT19937RNGEngine.h})
 *       seeded with the low 32 bits of the seed;</li>
 *   <li>{@code random64()} = two 32-bit draws, the first one as the high half;</li>
 *   <li>one cached normal value (the second half of a Box–Muller pair), used by the
 *       small-tensor path of {@link #fillNormal} and cleared by reseeding.</li>
 * </ul>
 *
 * <p><b>Order matters.</b> Every fill consumes the stream in PyTorch's order, so a sequence of
 * calls (weight, then bias, as {@code nn.Linear.reset_parameters} does) gives PyTorch's numbers
 * only when it is the same sequence PyTorch ran.
 *
 * <p>Thread safety: every method that reads or advances the stream is {@code synchronized} on
 * the generator, as PyTorch takes the generator's mutex.
 *
 * <p>Long on purpose: every random distribution of torch.nn.init in one place, each with the javadoc that names
 * the PyTorch function it matches; the distributions share the generator's state, which a split would have to
 * expose.
 */
public final class Generator {

    /** {@code default_rng_seed_val} in {@code c10/core/GeneratorImpl.h}: the seed of a new {@code torch.Generator()}. */
    private static final long DEFAULT_SEED = 67280421310721L;

    private static final Generator DEFAULT = new Generator(DEFAULT_SEED);

    // mt19937 constants (at::mt19937).
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UMASK = 0x80000000;
    private static final int LMASK = 0x7fffffff;

    /** {@code 2^-24}: {@code uniform_real<float>} keeps the low 24 bits of a 32-bit draw. */
    private static final float FLOAT_DIVISOR = 0x1.0p-24f;
    /** {@code 2^-53}: {@code uniform_real<double>} keeps the low 53 bits of a 64-bit draw. */
    private static final double DOUBLE_DIVISOR = 0x1.0p-53;
    private static final long DOUBLE_MASK = (1L << 53) - 1;

    /** Below this many elements {@code normal_} draws element by element in double precision. */
    private static final int VECTOR_NORMAL_MIN = 16;

    private final int[] state = new int[N];
    private int left;
    private int next;
    private long seed;
    private boolean hasCachedNormal;
    private double cachedNormal;

    /**
     * A generator seeded with {@code seed}, like {@code torch.Generator().manual_seed(seed)}.
     *
     * <p>PyTorch stores the seed as an unsigned 64-bit integer (a negative Python seed is taken
     * as its two's-complement bits); a Java {@code long} carries the same 64 bits. Only the low 32
     * bits reach the Mersenne Twister, as in {@code at::mt19937}.
     *
     * @param seed any 64-bit value
     */
    public Generator(long seed) {
        reseed(seed);
    }

    /**
     * The seed this generator was last seeded with, like {@code torch.Generator.initial_seed()}.
     * PyTorch reports it as an unsigned integer: print it with {@link Long#toUnsignedString(long)}.
     *
     * @return the seed's 64 bits
     */
    public synchronized long initialSeed() {
        return seed;
    }

    /**
     * The process-wide generator that draws when none is given, like {@code torch.default_generator}.
     *
     * <p>Difference from PyTorch: PyTorch 1.13 seeds its default generator nondeterministically
     * at start-up ({@code getDefaultCPUGenerator()} uses {@code getNonDeterministicRandom()}).
     * ParamLab starts it from {@code 67280421310721}, the seed of a fresh {@code torch.Generator()},
     * so that a program that never calls {@link #manualSeed} still runs the same way twice.
     *
     * @return the shared default generator (always the same object)
     */
    public static Generator getDefault() {
        return DEFAULT;
    }

    /**
     * Reseeds the default generator, like {@code torch.manual_seed(seed)}: the Mersenne Twister
     * restarts from {@code seed} and the cached normal value is dropped
     * ({@code CPUGeneratorImpl::set_current_seed}).
     *
     * @param seed any 64-bit value (see {@link #Generator(long)})
     */
    public static void manualSeed(long seed) {
        DEFAULT.reseed(seed);
    }

    /**
     * Fills {@code out} with numbers drawn uniformly from {@code [from, to)}, exactly as
     * {@code tensor.uniform_(from, to)} fills a contiguous float32 CPU tensor of
     * {@code out.length} elements ({@code torch.rand} is {@code uniform_(0, 1)}).
     *
     * <p>Per element, in order, one 32-bit draw {@code u}
     * ({@code at::uniform_real_distribution<float>}, {@code transformation::uniform_real}):
     * <pre>{@code
     * x     = (u & 0xFFFFFF) * 2^-24          // in [0, 1), exact in float
     * value = fma(x, to - from, from)         // float, to - from rounded once first
     * }</pre>
     * PyTorch's code reads {@code x * (to - from) + from}; its compiler fuses it into one
     * multiply-add, which {@link Math#fma(float, float, float)} reproduces bit for bit.
     *
     * @param out  the array to fill (row-major tensor storage)
     * @param from lower bound, inclusive
     * @param to   upper bound; at least {@code from}
     * @throws IllegalArgumentException if a bound is not finite, if {@code from > to}, or if
     *                                  {@code to - from} exceeds {@link Float#MAX_VALUE}
     *                                  (PyTorch's {@code uniform_impl_} checks)
     */
    public synchronized void fillUniform(float[] out, float from, float to) {
        Objects.requireNonNull(out, "fillUniform: out must be a float array but was null");
        if (!Float.isFinite(from) || !Float.isFinite(to)) {
            throw new IllegalArgumentException("uniform_: expected finite bounds from and to"
                    + " but found from=" + from + ", to=" + to);
        }
        if (!(from <= to)) {
            throw new IllegalArgumentException("uniform_: expected a [from, to) range with from <= to"
                    + " but found from=" + from + " > to=" + to);
        }
        if ((double) to - (double) from > Float.MAX_VALUE) {
            throw new IllegalArgumentException("uniform_: expected to - from <= Float.MAX_VALUE"
                    + " but found to=" + to + " and from=" + from + ", whose difference overflows float");
        }
        float range = to - from;
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.fma(nextFloat01(), range, from);
        }
    }

    /**
     * Fills {@code out} with normal numbers of mean {@code mean} and standard deviation
     * {@code std}, exactly as {@code tensor.normal_(mean, std)} fills a contiguous float32 CPU
     * tensor of {@code out.length} elements ({@code torch.randn} is {@code normal_(0, 1)}).
     * PyTorch takes one of two paths ({@code normal_kernel} in
     * {@code aten/src/ATen/native/cpu/DistributionTemplates.h}), and so does this method:
     *
     * <p><b>16 elements or more</b> ({@code normal_fill_AVX2}, the path of any x86-64 CPU with
     * AVX2): first one float uniform per element (as {@link #fillUniform} with 0, 1); then, for
     * each block of 16, a Box–Muller transform of the pairs {@code (u1, u2) = (1 - d[j], d[j+8])},
     * {@code j < 8}: {@code d[j] = r cos θ * std + mean}, {@code d[j+8] = r sin θ * std + mean} with
     * {@code r = sqrt(-2 ln u1)}, {@code θ = 2π u2}, all in float with the {@code log} and
     * {@code sincos} approximations of {@code avx_mathfun.h}, which this class replicates; if the
     * length is not a multiple of 16, the last 16 elements get 16 fresh uniforms and are
     * transformed again. This path neither reads nor writes the cached normal value.
     * (PyTorch builds that run another kernel here, on CPUs without AVX2 such as ARM, or
     * PyTorch 2.x dispatching to AVX-512, use the C library's {@code log}, {@code sin} and
     * {@code cos} instead and may differ from this method in the last bit, about 1e-7.)
     *
     * <p><b>Fewer than 16 elements</b> (the scalar path, {@code at::normal_distribution<double>}):
     * per element a double-precision Box–Muller: if a cached value exists it is used (and
     * cleared); otherwise {@code u1}, {@code u2} are two 53-bit uniforms (each from two 32-bit
     * draws), {@code r = sqrt(-2 ln(1 - u2))}, {@code θ = 2π u1}, the element is
     * {@code r cos θ} and {@code r sin θ} is cached for the next element or the next call. Hence
     * two {@code randn(3)} give the same six numbers as one {@code randn(6)}. The value
     * {@code z * std + mean} is computed in double (one fused multiply-add, as PyTorch's AVX2 build
     * compiles it) and rounded to float.
     *
     * <p>Java passes {@code mean} and {@code std} as float where Python passes a double; the
     * scalar path uses them in double, so this method widens each through its shortest decimal
     * form ({@code 0.01f} becomes the double {@code 0.01}, as the literal {@code 0.01} reaches
     * PyTorch). The vector path uses them as floats, as PyTorch does.
     *
     * @param out  the array to fill (row-major tensor storage)
     * @param mean the mean
     * @param std  the standard deviation; at least 0
     * @throws IllegalArgumentException if {@code std} is negative or NaN ({@code normal expects
     *                                  std >= 0.0})
     */
    public synchronized void fillNormal(float[] out, float mean, float std) {
        Objects.requireNonNull(out, "fillNormal: out must be a float array but was null");
        if (!(std >= 0f)) {
            throw new IllegalArgumentException("normal_: expected std >= 0.0 but found std=" + std);
        }
        if (out.length >= VECTOR_NORMAL_MIN) {
            fillNormalVectorized(out, mean, std);
        } else {
            double meanD = widen(mean);
            double stdD = widen(std);
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) Math.fma(nextStandardNormalDouble(), stdD, meanD);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // The Mersenne Twister (at::mt19937)
    // ------------------------------------------------------------------------------------------

    private synchronized void reseed(long newSeed) {
        seed = newSeed;
        state[0] = (int) newSeed;
        for (int j = 1; j < N; j++) {
            int prev = state[j - 1];
            state[j] = 1812433253 * (prev ^ (prev >>> 30)) + j;
        }
        left = 1;
        next = 0;
        hasCachedNormal = false;
        cachedNormal = 0.0;
    }

    /** {@code CPUGeneratorImpl::random()}: the next 32 bits (as an int; read them unsigned). */
    private int nextInt32() {
        if (--left == 0) {
            nextState();
        }
        int y = state[next++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** {@code CPUGeneratorImpl::random64()}: the first draw is the high half. */
    private long nextInt64() {
        long hi = nextInt32() & 0xFFFFFFFFL;
        long lo = nextInt32() & 0xFFFFFFFFL;
        return (hi << 32) | lo;
    }

    private void nextState() {
        left = N;
        next = 0;
        int p = 0;
        for (; p < N - M; p++) {
            state[p] = state[p + M] ^ twist(state[p], state[p + 1]);
        }
        for (; p < N - 1; p++) {
            state[p] = state[p + M - N] ^ twist(state[p], state[p + 1]);
        }
        state[N - 1] = state[M - 1] ^ twist(state[N - 1], state[0]);
    }

    private static int twist(int u, int v) {
        int mixed = (u & UMASK) | (v & LMASK);
        return (mixed >>> 1) ^ ((v & 1) != 0 ? MATRIX_A : 0);
    }

    // ------------------------------------------------------------------------------------------
    // Distributions
    // ------------------------------------------------------------------------------------------

    /** {@code uniform_real_distribution<float>(0, 1)}: {@code fma(x, 1, 0) == x}. */
    private float nextFloat01() {
        return (nextInt32() & 0xFFFFFF) * FLOAT_DIVISOR;
    }

    /** {@code uniform_real_distribution<double>(0, 1)}. */
    private double nextDouble01() {
        return (nextInt64() & DOUBLE_MASK) * DOUBLE_DIVISOR;
    }

    /** {@code at::normal_distribution<double>(0, 1)} with the generator's cached second value. */
    private double nextStandardNormalDouble() {
        if (hasCachedNormal) {
            hasCachedNormal = false;
            return cachedNormal;
        }
        double u1 = nextDouble01();
        double u2 = nextDouble01();
        double r = Math.sqrt(-2.0 * Math.log(1.0 - u2));
        double theta = 2.0 * Math.PI * u1;
        cachedNormal = r * Math.sin(theta);
        hasCachedNormal = true;
        return r * Math.cos(theta);
    }

    /** The double a Python literal with this float's shortest decimal form would be. */
    private static double widen(float value) {
        return Float.isFinite(value) ? Double.parseDouble(Float.toString(value)) : value;
    }

    /** {@code normal_fill_AVX2}: uniforms first, Box–Muller per block of 16, tail block redrawn. */
    private void fillNormalVectorized(float[] out, float mean, float std) {
        int size = out.length;
        for (int i = 0; i < size; i++) {
            out[i] = nextFloat01();
        }
        for (int i = 0; i + 16 <= size; i += 16) {
            normalFill16(out, i, mean, std);
        }
        if (size % 16 != 0) {
            int start = size - 16;
            for (int i = 0; i < 16; i++) {
                out[start + i] = nextFloat01();
            }
            normalFill16(out, start, mean, std);
        }
    }

    /** {@code normal_fill_16_AVX2}, one lane at a time. */
    private static void normalFill16(float[] data, int offset, float mean, float std) {
        float[] sinCos = new float[2];
        for (int j = 0; j < 8; j++) {
            float u1 = 1.0f - data[offset + j];
            float u2 = data[offset + j + 8];
            float radius = (float) Math.sqrt(-2.0f * AvxMath.log(u1));
            float theta = AvxMath.TWO_PI * u2;
            AvxMath.sinCos(theta, sinCos);
            float n1 = radius * sinCos[1];
            float n2 = radius * sinCos[0];
            data[offset + j] = Math.fma(n1, std, mean);
            data[offset + j + 8] = Math.fma(n2, std, mean);
        }
    }

    /**
     * A scalar port of {@code log256_ps} and {@code sincos256_ps} from PyTorch's
     * {@code aten/src/ATen/native/cpu/avx_mathfun.h} (Cephes polynomials by Julien Pommier and
     * Giovanni Garberoglio, zlib licence), one lane at a time. Where the C++ adds a product to a
     * sum, GCC fuses the two into one multiply-add ({@code -ffp-contract=fast}, AVX2+FMA build);
     * {@link Math#fma} marks the same places here.
     */
    static final class AvxMath {
        /** {@code _mm256_set1_ps(2.0f * c10::pi<double>)}. */
        static final float TWO_PI = (float) (2.0 * Math.PI);

        private static final float SQRTHF = 0.707106781186547524f;
        private static final float LOG_P0 = 7.0376836292E-2f;
        private static final float LOG_P1 = -1.1514610310E-1f;
        private static final float LOG_P2 = 1.1676998740E-1f;
        private static final float LOG_P3 = -1.2420140846E-1f;
        private static final float LOG_P4 = +1.4249322787E-1f;
        private static final float LOG_P5 = -1.6668057665E-1f;
        private static final float LOG_P6 = +2.0000714765E-1f;
        private static final float LOG_P7 = -2.4999993993E-1f;
        private static final float LOG_P8 = +3.3333331174E-1f;
        private static final float LOG_Q1 = -2.12194440e-4f;
        private static final float LOG_Q2 = 0.693359375f;

        private static final float MINUS_DP1 = -0.78515625f;
        private static final float MINUS_DP2 = -2.4187564849853515625e-4f;
        private static final float MINUS_DP3 = -3.77489497744594108e-8f;
        private static final float SINCOF_P0 = -1.9515295891E-4f;
        private static final float SINCOF_P1 = 8.3321608736E-3f;
        private static final float SINCOF_P2 = -1.6666654611E-1f;
        private static final float COSCOF_P0 = 2.443315711809948E-005f;
        private static final float COSCOF_P1 = -1.388731625493765E-003f;
        private static final float COSCOF_P2 = 4.166664568298827E-002f;
        private static final float FOPI = 1.27323954473516f;

        private AvxMath() {
        }

        /** {@code log256_ps} for one lane: natural log, NaN for x <= 0. */
        static float log(float x) {
            boolean invalid = x <= 0f;
            x = Math.max(x, Float.MIN_NORMAL);
            int bits = Float.floatToRawIntBits(x);
            int imm0 = bits >>> 23;
            x = Float.intBitsToFloat((bits & ~0x7f800000) | Float.floatToRawIntBits(0.5f));
            imm0 -= 0x7f;
            float e = (float) imm0;
            e = e + 1.0f;
            boolean lt = x < SQRTHF;
            float tmp = lt ? x : 0f;
            x = x - 1.0f;
            e = e - (lt ? 1.0f : 0f);
            x = x + tmp;

            float z = x * x;
            float y = LOG_P0;
            y = Math.fma(y, x, LOG_P1);
            y = Math.fma(y, x, LOG_P2);
            y = Math.fma(y, x, LOG_P3);
            y = Math.fma(y, x, LOG_P4);
            y = Math.fma(y, x, LOG_P5);
            y = Math.fma(y, x, LOG_P6);
            y = Math.fma(y, x, LOG_P7);
            y = Math.fma(y, x, LOG_P8);
            y = y * x;
            // y = y * z + e * q1: GCC fuses the first product, the second is rounded on its own.
            y = Math.fma(y, z, e * LOG_Q1);
            y = Math.fma(-z, 0.5f, y);
            x = Math.fma(e, LOG_Q2, x + y);
            if (invalid) {
                return Float.NaN;
            }
            return x;
        }

        /** {@code sincos256_ps} for one lane: writes {@code sin(x)} to {@code out[0]}, {@code cos(x)} to {@code out[1]}. */
        static void sinCos(float x, float[] out) {
            int signSin = Float.floatToRawIntBits(x) & 0x80000000;
            x = Math.abs(x);
            float y = x * FOPI;
            int imm2 = cvtt(y);
            imm2 = (imm2 + 1) & ~1;
            y = (float) imm2;
            int imm4 = imm2;
            int swapSignSin = (imm2 & 4) << 29;
            boolean polyMask = (imm2 & 2) == 0;

            x = Math.fma(y, MINUS_DP1, x);
            x = Math.fma(y, MINUS_DP2, x);
            x = Math.fma(y, MINUS_DP3, x);

            imm4 = imm4 - 2;
            imm4 = ~imm4 & 4;
            int signCos = imm4 << 29;
            signSin ^= swapSignSin;

            float z = x * x;
            float yc = COSCOF_P0;
            yc = Math.fma(yc, z, COSCOF_P1);
            yc = Math.fma(yc, z, COSCOF_P2);
            yc = yc * z;
            // y = y * z - z * 0.5: GCC fuses the first product (z * 0.5 is exact anyway).
            yc = Math.fma(yc, z, -(z * 0.5f));
            yc = yc + 1.0f;

            float y2 = SINCOF_P0;
            y2 = Math.fma(y2, z, SINCOF_P1);
            y2 = Math.fma(y2, z, SINCOF_P2);
            y2 = y2 * z;
            y2 = Math.fma(y2, x, x);

            float ysin2 = polyMask ? y2 : 0f;
            float ysin1 = polyMask ? 0f : yc;
            y2 = y2 - ysin2;
            yc = yc - ysin1;
            float s = ysin1 + ysin2;
            float c = yc + y2;
            s = Float.intBitsToFloat(Float.floatToRawIntBits(s) ^ signSin);
            c = Float.intBitsToFloat(Float.floatToRawIntBits(c) ^ signCos);
            out[0] = s;
            out[1] = c;
        }

        /** {@code _mm256_cvttps_epi32}: truncation, 0x80000000 when out of range or NaN. */
        private static int cvtt(float v) {
            if (Float.isNaN(v) || v >= 0x1.0p31f || v < -0x1.0p31f) {
                return Integer.MIN_VALUE;
            }
            return (int) v;
        }
    }
}
