/*
 * Plain C reference of the colour-parallel Metropolis sweep of @isinglab/ising (src/internal/single-spin-kernel.ts):
 * the same CSR arrays, the same colour-class visiting order, the same xoshiro128** stream (one 32-bit draw per
 * visited node, the top 31 bits compared), the same uniform-coupling branch and the same threshold table when J and h
 * are uniform. Compiled with `cc -O3` by bench/run.ts in the same run.
 *
 * The default is the plain sweep: one CSR inner loop for every degree. With a fourth argument `unrolled`, regular
 * graphs of degree 3 or 4 take an unrolled neighbour sum, as the JS kernel does, to show what C gains from the
 * same specialisation.
 *
 * Usage: metropolis-sweep INPUT.bin SWEEPS REPEATS [unrolled]
 * INPUT.bin (little endian): int32 n, int32 halfEdges, int32 edges, float64 beta, uint32 seed[4], int32 uniform,
 *   float64 jUniform, int32 offsets[n+1], int32 targets[halfEdges], int32 edgeIds[halfEdges], float64 couplings[edges],
 *   float64 fields[n], int32 order[n], int8 spins[n].
 * Prints one line per repeat: "<nanoseconds> <flips>", then "checksum <sum of i*spin>" of the final state.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Same value as TIE_ACCEPTANCE in src/internal/single-spin-kernel.ts. */
#define TIE_ACCEPTANCE 0.9

static uint32_t s[4];
static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static inline uint32_t next32(void) {
  const uint32_t result = rotl(s[1] * 5, 7) * 9;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

static void *read_exact(FILE *f, size_t bytes) {
  void *p = malloc(bytes ? bytes : 1);
  if (!p || fread(p, 1, bytes, f) != bytes) { fprintf(stderr, "metropolis-sweep: truncated input\n"); exit(2); }
  return p;
}

int main(int argc, char **argv) {
  if (argc != 4 && argc != 5) { fprintf(stderr, "usage: metropolis-sweep INPUT.bin SWEEPS REPEATS [unrolled]\n"); return 2; }
  const int unrolled = argc == 5;
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 2; }
  int32_t n, half, edges, uniform;
  double beta, jUniform;
  if (fread(&n, 4, 1, f) != 1 || fread(&half, 4, 1, f) != 1 || fread(&edges, 4, 1, f) != 1 ||
      fread(&beta, 8, 1, f) != 1 || fread(s, 4, 4, f) != 4 || fread(&uniform, 4, 1, f) != 1 ||
      fread(&jUniform, 8, 1, f) != 1) { fprintf(stderr, "metropolis-sweep: bad header\n"); return 2; }
  int32_t *offsets = read_exact(f, 4 * (size_t)(n + 1));
  int32_t *targets = read_exact(f, 4 * (size_t)half);
  int32_t *edgeIds = read_exact(f, 4 * (size_t)half);
  double *couplings = read_exact(f, 8 * (size_t)edges);
  double *fields = read_exact(f, 8 * (size_t)n);
  int32_t *order = read_exact(f, 4 * (size_t)n);
  int8_t *spins = read_exact(f, (size_t)n);
  fclose(f);
  /* Uniform J and h: the same threshold table as the JS kernel, on u31 = u >> 1: entry ceil(p * 2^31) - 1 with
     p = exp(-beta dE) when beta dE > 0, 1 when beta dE < 0 and TIE_ACCEPTANCE on a tie (beta dE = 0); accept when
     u31 <= entry. */
  int uniformField = 1, maxDegree = 0;
  for (int i = 1; i < n; i++) if (fields[i] != fields[0]) uniformField = 0;
  for (int i = 0; i < n; i++) if (offsets[i + 1] - offsets[i] > maxDegree) maxDegree = offsets[i + 1] - offsets[i];
  const int useTable = uniform && uniformField && n > 0 && maxDegree <= 64;
  const int regular = offsets[n] == n * maxDegree;
  const int width = 2 * maxDegree + 1;
  int32_t *table = malloc(sizeof(int32_t) * 2 * (size_t)width);
  if (useTable) {
    for (int sum = -maxDegree; sum <= maxDegree; sum++) {
      const double h = fields[0] + jUniform * sum;
      for (int x = -1; x <= 1; x += 2) {
        const double a = beta * (2.0 * x * h);
        const double p = a > 0 ? exp(-a) : a < 0 ? 1.0 : TIE_ACCEPTANCE;
        table[(x > 0 ? width : 0) + sum + maxDegree] = (int32_t)(ceil(p * 2147483648.0) - 1.0);
      }
    }
  }
  const int sweeps = atoi(argv[2]);
  const int repeats = atoi(argv[3]);
  const double inv = 1.0 / 2147483648.0;
  for (int rep = 0; rep < repeats; rep++) {
    struct timespec t0, t1;
    long flips = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (useTable && unrolled && regular && maxDegree == 4) {
      for (int sweep = 0; sweep < sweeps; sweep++) {
        for (int k = 0; k < n; k++) {
          const int i = order[k];
          const int32_t *t = targets + 4 * (size_t)i;
          const int sum = 4 + spins[t[0]] + spins[t[1]] + spins[t[2]] + spins[t[3]];
          const int32_t u = (int32_t)(next32() >> 1);
          const int x = spins[i];
          if (u <= table[(x > 0 ? width : 0) + sum]) { spins[i] = (int8_t)-x; flips++; }
        }
      }
    } else if (useTable && unrolled && regular && maxDegree == 3) {
      for (int sweep = 0; sweep < sweeps; sweep++) {
        for (int k = 0; k < n; k++) {
          const int i = order[k];
          const int32_t *t = targets + 3 * (size_t)i;
          const int sum = 3 + spins[t[0]] + spins[t[1]] + spins[t[2]];
          const int32_t u = (int32_t)(next32() >> 1);
          const int x = spins[i];
          if (u <= table[(x > 0 ? width : 0) + sum]) { spins[i] = (int8_t)-x; flips++; }
        }
      }
    } else if (useTable) {
      for (int sweep = 0; sweep < sweeps; sweep++) {
        for (int k = 0; k < n; k++) {
          const int i = order[k];
          int sum = maxDegree;
          for (int p = offsets[i]; p < offsets[i + 1]; p++) sum += spins[targets[p]];
          const int32_t u = (int32_t)(next32() >> 1);
          const int x = spins[i];
          if (u <= table[(x > 0 ? width : 0) + sum]) { spins[i] = (int8_t)-x; flips++; }
        }
      }
    } else
    for (int sweep = 0; sweep < sweeps; sweep++) {
      for (int k = 0; k < n; k++) {
        const int i = order[k];
        double h;
        if (uniform) {
          int sum = 0;
          for (int p = offsets[i]; p < offsets[i + 1]; p++) sum += spins[targets[p]];
          h = fields[i] + jUniform * sum;
        } else {
          h = fields[i];
          for (int p = offsets[i]; p < offsets[i + 1]; p++) h += couplings[edgeIds[p]] * spins[targets[p]];
        }
        const double r = (next32() >> 1) * inv;
        const int x = spins[i];
        const double a = beta * (2.0 * x * h);
        if (a < 0 || r < (a > 0 ? exp(-a) : TIE_ACCEPTANCE)) { spins[i] = (int8_t)-x; flips++; }
      }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    const double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
    printf("%.0f %ld\n", ns, flips);
  }
  long long checksum = 0;
  for (int i = 0; i < n; i++) checksum += (long long)i * spins[i];
  printf("checksum %lld\n", checksum);
  return 0;
}
