/**
 * Diagonal-covariance Gaussian mixtures for the HMM states: estimation from hard (Viterbi) frame assignments with
 * MAP smoothing of sparse states towards a back-off model (Gauvain & Lee, 1994), mixture growth by splitting the
 * heaviest component (the HTK book's HHEd MU recipe) followed by a few EM passes, and the frame log-likelihood table.
 */
export interface DiagGmm {
  dim: number;
  /** Per component: log weight + Gaussian normalising constant. */
  logConst: Float64Array;
  means: Float64Array;
  /** Per component and dimension: 1 / variance. */
  invVars: Float64Array;
}

export interface Stats {
  n: number;
  sum: Float64Array;
  sumSq: Float64Array;
}

export function emptyStats(dim: number): Stats {
  return { n: 0, sum: new Float64Array(dim), sumSq: new Float64Array(dim) };
}

export function accumulate(st: Stats, data: Float32Array, t: number, dim: number): void {
  st.n++;
  const o = t * dim;
  for (let i = 0; i < dim; i++) {
    const v = data[o + i];
    st.sum[i] += v;
    st.sumSq[i] += v * v;
  }
}

export function addStats(into: Stats, from: Stats): void {
  into.n += from.n;
  for (let i = 0; i < into.sum.length; i++) {
    into.sum[i] += from.sum[i];
    into.sumSq[i] += from.sumSq[i];
  }
}

/** Single Gaussian from stats, smoothed with `tau` pseudo-frames of the back-off stats; variances floored. */
export function gaussianFromStats(st: Stats, backoff: Stats, tau: number, varFloor: number): DiagGmm {
  const dim = st.sum.length;
  const bn = Math.max(backoff.n, 1e-9);
  const w = backoff.n > 0 ? tau : 0;
  const n = st.n + w;
  const means = new Float64Array(dim);
  const invVars = new Float64Array(dim);
  let logDet = 0;
  for (let i = 0; i < dim; i++) {
    const sum = st.sum[i] + (w * backoff.sum[i]) / bn;
    const sq = st.sumSq[i] + (w * backoff.sumSq[i]) / bn;
    const m = n > 0 ? sum / n : 0;
    const v = Math.max(varFloor, n > 0 ? sq / n - m * m : 1);
    means[i] = m;
    invVars[i] = 1 / v;
    logDet += Math.log(v);
  }
  return { dim, means, invVars, logConst: Float64Array.of(-0.5 * (dim * Math.log(2 * Math.PI) + logDet)) };
}

function componentLogLik(g: DiagGmm, c: number, data: Float32Array, o: number): number {
  const d = g.dim;
  let acc = 0;
  const mo = c * d;
  for (let i = 0; i < d; i++) {
    const x = data[o + i] - g.means[mo + i];
    acc += x * x * g.invVars[mo + i];
  }
  return g.logConst[c] - 0.5 * acc;
}

export function gmmLogLik(g: DiagGmm, data: Float32Array, o: number): number {
  const C = g.logConst.length;
  if (C === 1) return componentLogLik(g, 0, data, o);
  let best = -Infinity;
  const ll = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    ll[c] = componentLogLik(g, c, data, o);
    if (ll[c] > best) best = ll[c];
  }
  let s = 0;
  for (let c = 0; c < C; c++) s += Math.exp(ll[c] - best);
  return best + Math.log(s);
}

/**
 * Grows `g` to `numMix` components by splitting (means moved +-0.2 standard deviations) and refits with EM on
 * the frames `frames`. Keeps at least `minFramesPerMix` frames per component, so sparse states stay smaller.
 */
export function growMixture(
  g: DiagGmm,
  data: Float32Array,
  frames: Int32Array,
  numMix: number,
  varFloor: number,
  minFramesPerMix = 30,
  emIters = 4,
): DiagGmm {
  const dim = g.dim;
  const target = Math.max(1, Math.min(numMix, Math.floor(frames.length / minFramesPerMix)));
  let cur = g;
  while (cur.logConst.length < target) {
    const C = cur.logConst.length;
    const nextC = Math.min(target, 2 * C);
    const means = new Float64Array(nextC * dim);
    const invVars = new Float64Array(nextC * dim);
    const logConst = new Float64Array(nextC);
    for (let c = 0; c < nextC; c++) {
      const src = c % C;
      const sign = c < C ? 1 : -1;
      for (let i = 0; i < dim; i++) {
        const sd = 1 / Math.sqrt(cur.invVars[src * dim + i]);
        means[c * dim + i] = cur.means[src * dim + i] + (c < C && nextC - C <= src ? 0 : sign * 0.2 * sd);
        invVars[c * dim + i] = cur.invVars[src * dim + i];
      }
      logConst[c] = cur.logConst[src] - Math.log(2);
    }
    cur = { dim, means, invVars, logConst };
    cur = emRefit(cur, data, frames, varFloor, emIters);
  }
  return cur;
}

function emRefit(g: DiagGmm, data: Float32Array, frames: Int32Array, varFloor: number, iters: number): DiagGmm {
  const dim = g.dim;
  const C = g.logConst.length;
  let cur = g;
  const post = new Float64Array(C);
  for (let it = 0; it < iters; it++) {
    const occ = new Float64Array(C);
    const sum = new Float64Array(C * dim);
    const sq = new Float64Array(C * dim);
    for (const t of frames) {
      const o = t * dim;
      let best = -Infinity;
      for (let c = 0; c < C; c++) {
        post[c] = componentLogLik(cur, c, data, o);
        if (post[c] > best) best = post[c];
      }
      let z = 0;
      for (let c = 0; c < C; c++) {
        post[c] = Math.exp(post[c] - best);
        z += post[c];
      }
      for (let c = 0; c < C; c++) {
        const p = post[c] / z;
        if (p < 1e-4) continue;
        occ[c] += p;
        for (let i = 0; i < dim; i++) {
          const v = data[o + i];
          sum[c * dim + i] += p * v;
          sq[c * dim + i] += p * v * v;
        }
      }
    }
    const means = new Float64Array(C * dim);
    const invVars = new Float64Array(C * dim);
    const logConst = new Float64Array(C);
    const total = frames.length;
    for (let c = 0; c < C; c++) {
      let logDet = 0;
      const n = Math.max(occ[c], 1e-3);
      for (let i = 0; i < dim; i++) {
        const m = occ[c] > 1e-3 ? sum[c * dim + i] / n : cur.means[c * dim + i];
        const v = occ[c] > 1e-3 ? Math.max(varFloor, sq[c * dim + i] / n - m * m) : 1 / cur.invVars[c * dim + i];
        means[c * dim + i] = m;
        invVars[c * dim + i] = 1 / v;
        logDet += Math.log(v);
      }
      logConst[c] = Math.log(Math.max(occ[c], 1e-3) / total) - 0.5 * (dim * Math.log(2 * Math.PI) + logDet);
    }
    cur = { dim, means, invVars, logConst };
  }
  return cur;
}

/**
 * Log-likelihood of every frame under every model: table[t * models.length + m]. The hot loop of alignment (every
 * training iteration scores every frame under every state), so all components are laid out in one flat array, two
 * frames share each pass over a component's parameters, and nothing is allocated per frame.
 */
export function logLikTable(data: Float32Array, dim: number, numFrames: number, models: DiagGmm[]): Float32Array {
  const M = models.length;
  const out = new Float32Array(numFrames * M);
  let K = 0;
  for (const g of models) K += g.logConst.length;
  const means = new Float64Array(K * dim);
  const invVars = new Float64Array(K * dim);
  const logConst = new Float64Array(K);
  const first = new Int32Array(M + 1);
  for (let m = 0, k = 0; m < M; m++) {
    const g = models[m];
    first[m] = k;
    means.set(g.means, k * dim);
    invVars.set(g.invVars, k * dim);
    logConst.set(g.logConst, k);
    k += g.logConst.length;
  }
  first[M] = K;
  const llA = new Float64Array(K);
  const llB = new Float64Array(K);
  const xa = new Float64Array(dim);
  const xb = new Float64Array(dim);
  for (let t = 0; t < numFrames; t += 2) {
    const pair = t + 1 < numFrames;
    for (let i = 0; i < dim; i++) {
      xa[i] = data[t * dim + i];
      xb[i] = pair ? data[(t + 1) * dim + i] : 0;
    }
    for (let k = 0, o = 0; k < K; k++, o += dim) {
      let a = 0;
      let b = 0;
      for (let i = 0; i < dim; i++) {
        const mu = means[o + i];
        const iv = invVars[o + i];
        const da = xa[i] - mu;
        const db = xb[i] - mu;
        a += da * da * iv;
        b += db * db * iv;
      }
      llA[k] = logConst[k] - 0.5 * a;
      llB[k] = logConst[k] - 0.5 * b;
    }
    mixtureLogLiks(llA, first, M, out, t * M);
    if (pair) mixtureLogLiks(llB, first, M, out, (t + 1) * M);
  }
  return out;
}

/** Per model, log sum exp over its components' log-likelihoods (first[m]..first[m + 1]) into out[at + m]. */
function mixtureLogLiks(ll: Float64Array, first: Int32Array, M: number, out: Float32Array, at: number): void {
  for (let m = 0; m < M; m++) {
    const lo = first[m];
    const hi = first[m + 1];
    if (hi - lo === 1) {
      out[at + m] = ll[lo];
      continue;
    }
    let best = -Infinity;
    for (let k = lo; k < hi; k++) if (ll[k] > best) best = ll[k];
    let s = 0;
    for (let k = lo; k < hi; k++) s += Math.exp(ll[k] - best);
    out[at + m] = best + Math.log(s);
  }
}
