;; The digit net's inference kernels in WebAssembly SIMD (f32x4), for main/recognition/digits/cnn-wasm.ts.
;;
;; Why: the plain-TypeScript forward pass (cnn.ts) is ~0.75 ms per box and a photographed page runs it
;; 100–400 times (two ink thresholds, a test-time ensemble on unsure boxes): it was the largest part of
;; reading a page. V8 computes the TypeScript dot products one scalar at a time in double precision;
;; here four single-precision products run per instruction.
;;
;; All pointers are byte offsets into the exported memory, laid out by cnn-wasm.ts. Compiled to
;; resources/models/net-kernels.wasm by `npm run build:kernels` (scripts/build-net-kernels.ts, wabt).
(module
  (memory (export "memory") 1)

  ;; [Σ lanes of a0, of a1, of a2, of a3] + bias, then ReLU when asked: four outputs at once.
  (func $reduce4 (param $a0 v128) (param $a1 v128) (param $a2 v128) (param $a3 v128) (param $bias v128) (param $relu i32) (result v128)
    (local $s01 v128) (local $s23 v128) (local $r v128)
    ;; [a0.0+a0.2, a0.1+a0.3, a1.0+a1.2, a1.1+a1.3], the same for a2, a3
    (local.set $s01 (f32x4.add
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a0) (local.get $a1))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a0) (local.get $a1))))
    (local.set $s23 (f32x4.add
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a2) (local.get $a3))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a2) (local.get $a3))))
    ;; even lanes + odd lanes
    (local.set $r (f32x4.add (local.get $bias) (f32x4.add
      (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $s01) (local.get $s23))
      (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $s01) (local.get $s23)))))
    (if (result v128) (local.get $relu)
      (then (f32x4.max (local.get $r) (v128.const i32x4 0 0 0 0)))
      (else (local.get $r))))

  ;; The four lanes of v to o, o + step, o + 2·step, o + 3·step (four channels' planes).
  (func $store4 (param $o i32) (param $step i32) (param $v v128)
    (f32.store (local.get $o) (f32x4.extract_lane 0 (local.get $v)))
    (local.set $o (i32.add (local.get $o) (local.get $step)))
    (f32.store (local.get $o) (f32x4.extract_lane 1 (local.get $v)))
    (local.set $o (i32.add (local.get $o) (local.get $step)))
    (f32.store (local.get $o) (f32x4.extract_lane 2 (local.get $v)))
    (local.set $o (i32.add (local.get $o) (local.get $step)))
    (f32.store (local.get $o) (f32x4.extract_lane 3 (local.get $v))))

  ;; out[c*P + p] = relu?(b[c] + Σ_k W[c*K + k] · X[p*K + k]) for c < cout, p < P.
  ;; Rows of W and X are K floats long, K a multiple of 4 (callers zero-pad); cout a multiple of 4.
  ;; A convolution is this after im2col (X = one receptive field per row); a dense layer is P = 1.
  ;; Register-blocked: 4 output channels × 2 positions share each loaded vector.
  (func (export "gemm")
    (param $w i32) (param $b i32) (param $x i32) (param $out i32)
    (param $k i32) (param $p i32) (param $cout i32) (param $relu i32)
    (local $row i32) (local $c i32) (local $q i32) (local $i i32)
    (local $w0 i32) (local $w1 i32) (local $w2 i32) (local $w3 i32)
    (local $x0 i32) (local $x1 i32)
    (local $v0 v128) (local $v1 v128) (local $u v128)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local $o i32) (local $pb i32) (local $bias v128)
    (local.set $row (i32.shl (local.get $k) (i32.const 2)))
    (local.set $pb (i32.shl (local.get $p) (i32.const 2)))
    (local.set $c (i32.const 0))
    (block $channels_done
      (loop $channels
        (br_if $channels_done (i32.ge_u (local.get $c) (local.get $cout)))
        (local.set $w0 (i32.add (local.get $w) (i32.mul (local.get $c) (local.get $row))))
        (local.set $w1 (i32.add (local.get $w0) (local.get $row)))
        (local.set $w2 (i32.add (local.get $w1) (local.get $row)))
        (local.set $w3 (i32.add (local.get $w2) (local.get $row)))
        (local.set $q (i32.const 0))
        ;; Two positions at a time.
        (block $pairs_done
          (loop $pairs
            (br_if $pairs_done (i32.gt_u (i32.add (local.get $q) (i32.const 2)) (local.get $p)))
            (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $q) (local.get $row))))
            (local.set $x1 (i32.add (local.get $x0) (local.get $row)))
            (local.set $a00 (v128.const i32x4 0 0 0 0)) (local.set $a01 (v128.const i32x4 0 0 0 0))
            (local.set $a10 (v128.const i32x4 0 0 0 0)) (local.set $a11 (v128.const i32x4 0 0 0 0))
            (local.set $a20 (v128.const i32x4 0 0 0 0)) (local.set $a21 (v128.const i32x4 0 0 0 0))
            (local.set $a30 (v128.const i32x4 0 0 0 0)) (local.set $a31 (v128.const i32x4 0 0 0 0))
            (local.set $i (i32.const 0))
            (block $dot_done
              (loop $dot
                (br_if $dot_done (i32.ge_u (local.get $i) (local.get $row)))
                (local.set $v0 (v128.load (i32.add (local.get $x0) (local.get $i))))
                (local.set $v1 (v128.load (i32.add (local.get $x1) (local.get $i))))
                (local.set $u (v128.load (i32.add (local.get $w0) (local.get $i))))
                (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $u) (local.get $v0))))
                (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $u) (local.get $v1))))
                (local.set $u (v128.load (i32.add (local.get $w1) (local.get $i))))
                (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $u) (local.get $v0))))
                (local.set $a11 (f32x4.add (local.get $a11) (f32x4.mul (local.get $u) (local.get $v1))))
                (local.set $u (v128.load (i32.add (local.get $w2) (local.get $i))))
                (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $u) (local.get $v0))))
                (local.set $a21 (f32x4.add (local.get $a21) (f32x4.mul (local.get $u) (local.get $v1))))
                (local.set $u (v128.load (i32.add (local.get $w3) (local.get $i))))
                (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (local.get $u) (local.get $v0))))
                (local.set $a31 (f32x4.add (local.get $a31) (f32x4.mul (local.get $u) (local.get $v1))))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $dot)))
            ;; out + (c*P + q)*4; one channel further is + P*4.
            (local.set $o (i32.add (local.get $out)
              (i32.shl (i32.add (i32.mul (local.get $c) (local.get $p)) (local.get $q)) (i32.const 2))))
            (local.set $bias (v128.load (i32.add (local.get $b) (i32.shl (local.get $c) (i32.const 2)))))
            (call $store4 (local.get $o) (local.get $pb)
              (call $reduce4 (local.get $a00) (local.get $a10) (local.get $a20) (local.get $a30) (local.get $bias) (local.get $relu)))
            (call $store4 (i32.add (local.get $o) (i32.const 4)) (local.get $pb)
              (call $reduce4 (local.get $a01) (local.get $a11) (local.get $a21) (local.get $a31) (local.get $bias) (local.get $relu)))
            (local.set $q (i32.add (local.get $q) (i32.const 2)))
            (br $pairs)))
        ;; The last position when P is odd (a dense layer: P = 1).
        (if (i32.lt_u (local.get $q) (local.get $p))
          (then
            (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $q) (local.get $row))))
            (local.set $a00 (v128.const i32x4 0 0 0 0)) (local.set $a10 (v128.const i32x4 0 0 0 0))
            (local.set $a20 (v128.const i32x4 0 0 0 0)) (local.set $a30 (v128.const i32x4 0 0 0 0))
            (local.set $i (i32.const 0))
            (block $dot1_done
              (loop $dot1
                (br_if $dot1_done (i32.ge_u (local.get $i) (local.get $row)))
                (local.set $v0 (v128.load (i32.add (local.get $x0) (local.get $i))))
                (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (v128.load (i32.add (local.get $w0) (local.get $i))) (local.get $v0))))
                (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (v128.load (i32.add (local.get $w1) (local.get $i))) (local.get $v0))))
                (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (v128.load (i32.add (local.get $w2) (local.get $i))) (local.get $v0))))
                (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (v128.load (i32.add (local.get $w3) (local.get $i))) (local.get $v0))))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $dot1)))
            (local.set $o (i32.add (local.get $out)
              (i32.shl (i32.add (i32.mul (local.get $c) (local.get $p)) (local.get $q)) (i32.const 2))))
            (call $store4 (local.get $o) (local.get $pb)
              (call $reduce4 (local.get $a00) (local.get $a10) (local.get $a20) (local.get $a30)
                (v128.load (i32.add (local.get $b) (i32.shl (local.get $c) (i32.const 2)))) (local.get $relu)))))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $channels))))

  ;; im2col: cols[i] = idx[i] < 0 ? 0 : src[idx[i]] for i < n (idx: i32 element indices, -1 = padding).
  (func (export "gather") (param $src i32) (param $idx i32) (param $cols i32) (param $n i32)
    (local $i i32) (local $g i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $g (i32.load (i32.add (local.get $idx) (i32.shl (local.get $i) (i32.const 2)))))
        (f32.store (i32.add (local.get $cols) (i32.shl (local.get $i) (i32.const 2)))
          (if (result f32) (i32.lt_s (local.get $g) (i32.const 0))
            (then (f32.const 0))
            (else (f32.load (i32.add (local.get $src) (i32.shl (local.get $g) (i32.const 2)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; 2×2 max-pool, stride 2, of c channels of ih×iw (even or odd: a last odd row/column is dropped).
  (func (export "maxpool") (param $src i32) (param $dst i32) (param $c i32) (param $ih i32) (param $iw i32)
    (local $ch i32) (local $y i32) (local $x i32) (local $oh i32) (local $ow i32) (local $a i32) (local $rowb i32)
    (local.set $oh (i32.shr_u (local.get $ih) (i32.const 1)))
    (local.set $ow (i32.shr_u (local.get $iw) (i32.const 1)))
    (local.set $rowb (i32.shl (local.get $iw) (i32.const 2)))
    (block $ch_done
      (loop $ch_next
        (br_if $ch_done (i32.ge_u (local.get $ch) (local.get $c)))
        (local.set $y (i32.const 0))
        (block $y_done
          (loop $y_next
            (br_if $y_done (i32.ge_u (local.get $y) (local.get $oh)))
            ;; a = src + ((ch*ih + 2y) * iw) * 4
            (local.set $a (i32.add (local.get $src)
              (i32.mul (i32.add (i32.mul (local.get $ch) (local.get $ih)) (i32.shl (local.get $y) (i32.const 1))) (local.get $rowb))))
            (local.set $x (i32.const 0))
            (block $x_done
              (loop $x_next
                (br_if $x_done (i32.ge_u (local.get $x) (local.get $ow)))
                (f32.store (local.get $dst)
                  (f32.max
                    (f32.max (f32.load (local.get $a)) (f32.load offset=4 (local.get $a)))
                    (f32.max (f32.load (i32.add (local.get $a) (local.get $rowb)))
                             (f32.load offset=4 (i32.add (local.get $a) (local.get $rowb))))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                (local.set $a (i32.add (local.get $a) (i32.const 8)))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (br $x_next)))
            (local.set $y (i32.add (local.get $y) (i32.const 1)))
            (br $y_next)))
        (local.set $ch (i32.add (local.get $ch) (i32.const 1)))
        (br $ch_next))))

  ;; ------------------------------------------------------------------ training (backward pass)

  ;; d[i] = 0 where out[i] ≤ 0 (ReLU's gradient), for n floats, n a multiple of 4.
  (func (export "reluMask") (param $out i32) (param $d i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $d) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
        (v128.store (local.get $d)
          (v128.and (v128.load (local.get $d))
            (f32x4.gt (v128.load (local.get $out)) (v128.const i32x4 0 0 0 0))))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $next))))

  ;; y[0..k) += a · x[0..k), k a multiple of 4.
  (func $axpy (param $y i32) (param $a f32) (param $x i32) (param $k i32)
    (local $i i32) (local $va v128)
    (local.set $va (f32x4.splat (local.get $a)))
    (local.set $k (i32.shl (local.get $k) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
        (v128.store (i32.add (local.get $y) (local.get $i))
          (f32x4.add (v128.load (i32.add (local.get $y) (local.get $i)))
            (f32x4.mul (local.get $va) (v128.load (i32.add (local.get $x) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next))))

  ;; The backward of gemm for its gradient d (cout × P, already ReLU-masked):
  ;;   gb[c] += Σ_p d[c,p];  gW[c,:] += Σ_p d[c,p] · X[p,:];  and when dx ≠ 0, dX[p,:] += Σ_c d[c,p] · W[c,:]
  ;; (dX must be zeroed by the caller). Zero gradients are skipped: ReLU and max-pool leave most at 0.
  (func (export "gemmBack")
    (param $w i32) (param $x i32) (param $d i32) (param $gw i32) (param $gb i32) (param $dx i32)
    (param $k i32) (param $p i32) (param $cout i32)
    (local $c i32) (local $q i32) (local $g f32) (local $row i32) (local $gsum f32)
    (local.set $row (i32.shl (local.get $k) (i32.const 2)))
    (block $c_done
      (loop $c_next
        (br_if $c_done (i32.ge_u (local.get $c) (local.get $cout)))
        (local.set $gsum (f32.const 0))
        (local.set $q (i32.const 0))
        (block $q_done
          (loop $q_next
            (br_if $q_done (i32.ge_u (local.get $q) (local.get $p)))
            (local.set $g (f32.load (i32.add (local.get $d)
              (i32.shl (i32.add (i32.mul (local.get $c) (local.get $p)) (local.get $q)) (i32.const 2)))))
            (if (f32.ne (local.get $g) (f32.const 0))
              (then
                (local.set $gsum (f32.add (local.get $gsum) (local.get $g)))
                (call $axpy (i32.add (local.get $gw) (i32.mul (local.get $c) (local.get $row))) (local.get $g)
                  (i32.add (local.get $x) (i32.mul (local.get $q) (local.get $row))) (local.get $k))
                (if (local.get $dx)
                  (then
                    (call $axpy (i32.add (local.get $dx) (i32.mul (local.get $q) (local.get $row))) (local.get $g)
                      (i32.add (local.get $w) (i32.mul (local.get $c) (local.get $row))) (local.get $k))))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $q_next)))
        (f32.store (i32.add (local.get $gb) (i32.shl (local.get $c) (i32.const 2)))
          (f32.add (f32.load (i32.add (local.get $gb) (i32.shl (local.get $c) (i32.const 2)))) (local.get $gsum)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $c_next))))

  ;; col2im: dst[idx[i]] += cols[i] for i < n where idx[i] ≥ 0 (dst zeroed by the caller).
  (func (export "scatter") (param $cols i32) (param $idx i32) (param $dst i32) (param $n i32)
    (local $i i32) (local $g i32) (local $at i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $g (i32.load (i32.add (local.get $idx) (i32.shl (local.get $i) (i32.const 2)))))
        (if (i32.ge_s (local.get $g) (i32.const 0))
          (then
            (local.set $at (i32.add (local.get $dst) (i32.shl (local.get $g) (i32.const 2))))
            (f32.store (local.get $at)
              (f32.add (f32.load (local.get $at)) (f32.load (i32.add (local.get $cols) (i32.shl (local.get $i) (i32.const 2))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; The backward of maxpool: each output's gradient to the input it took (the first of the four in reading
  ;; order at a tie, as the forward and cnn.ts pick it). dst zeroed by the caller.
  (func (export "maxpoolBack") (param $src i32) (param $d i32) (param $dst i32) (param $c i32) (param $ih i32) (param $iw i32)
    (local $ch i32) (local $y i32) (local $x i32) (local $oh i32) (local $ow i32) (local $a i32) (local $rowb i32)
    (local $best f32) (local $bi i32) (local $v f32) (local $off i32)
    (local.set $oh (i32.shr_u (local.get $ih) (i32.const 1)))
    (local.set $ow (i32.shr_u (local.get $iw) (i32.const 1)))
    (local.set $rowb (i32.shl (local.get $iw) (i32.const 2)))
    (block $ch_done
      (loop $ch_next
        (br_if $ch_done (i32.ge_u (local.get $ch) (local.get $c)))
        (local.set $y (i32.const 0))
        (block $y_done
          (loop $y_next
            (br_if $y_done (i32.ge_u (local.get $y) (local.get $oh)))
            ;; byte offset of the window's top-left, relative to src (and to dst: same layout)
            (local.set $a (i32.mul (i32.add (i32.mul (local.get $ch) (local.get $ih)) (i32.shl (local.get $y) (i32.const 1))) (local.get $rowb)))
            (local.set $x (i32.const 0))
            (block $x_done
              (loop $x_next
                (br_if $x_done (i32.ge_u (local.get $x) (local.get $ow)))
                (local.set $best (f32.load (i32.add (local.get $src) (local.get $a))))
                (local.set $bi (local.get $a))
                (local.set $off (i32.add (local.get $a) (i32.const 4)))
                (local.set $v (f32.load (i32.add (local.get $src) (local.get $off))))
                (if (f32.gt (local.get $v) (local.get $best)) (then (local.set $best (local.get $v)) (local.set $bi (local.get $off))))
                (local.set $off (i32.add (local.get $a) (local.get $rowb)))
                (local.set $v (f32.load (i32.add (local.get $src) (local.get $off))))
                (if (f32.gt (local.get $v) (local.get $best)) (then (local.set $best (local.get $v)) (local.set $bi (local.get $off))))
                (local.set $off (i32.add (local.get $off) (i32.const 4)))
                (local.set $v (f32.load (i32.add (local.get $src) (local.get $off))))
                (if (f32.gt (local.get $v) (local.get $best)) (then (local.set $best (local.get $v)) (local.set $bi (local.get $off))))
                (f32.store (i32.add (local.get $dst) (local.get $bi))
                  (f32.add (f32.load (i32.add (local.get $dst) (local.get $bi))) (f32.load (local.get $d))))
                (local.set $d (i32.add (local.get $d) (i32.const 4)))
                (local.set $a (i32.add (local.get $a) (i32.const 8)))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (br $x_next)))
            (local.set $y (i32.add (local.get $y) (i32.const 1)))
            (br $y_next)))
        (local.set $ch (i32.add (local.get $ch) (i32.const 1)))
        (br $ch_next))))
)
