"The MMD-NCA system: its experiment notebook under the runner (smoke), and the properties the issue names."
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from motionalign.core import MotionalignError
from motionalign.encoders.attentive_lstm import AttentiveLSTMEncoder, BiLayerNormLSTM
from motionalign.experiments import run_experiments
from motionalign.losses.metric import METRIC_LOSSES, mmd, mmd_nca_loss
from motionalign.metrics import load_records

LOSSES = {"mmd_nca", "triplet", "npair", "contrastive", "nca", "triplet_gor"}
ABLATIONS = {"mmd_nca/no_attention", "mmd_nca/no_layer_norm", "mmd_nca/linear_kernel", "mmd_nca/poly_kernel",
             "mmd_nca/eq16_neg_log_softmax"}


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def test_mmd_nca_experiment_runs_and_records(tmp_path):
    (status,) = run_experiments("smoke", only=["mmd_nca"], output_dir=tmp_path)
    assert status.status == "ok"
    records = load_records(tmp_path / "mmd_nca" / "records.json")
    by_split = {}
    for r in records: by_split.setdefault(r.split.split(":")[0] + ("/bvh" if r.dataset.startswith("bvh") else ""), set()).add(r.method)
    assert set(by_split) == {"unseen-categories", "person-identification", "cross-subject", "unseen-categories/bvh"}
    assert {"dtw", "l2", "mmd_nca", "triplet"} <= by_split["cross-subject"]
    assert LOSSES | ABLATIONS | {"dtw", "l2", "mmd_nca/d=8", "mmd_nca/d=32"} <= by_split["unseen-categories"]
    assert {"dtw", "l2", "mmd_nca", "triplet"} <= by_split["person-identification"]
    assert {"dtw", "l2", "mmd_nca"} <= by_split["unseen-categories/bvh"]
    learned = [r for r in records if r.method == "mmd_nca" and r.split.startswith("unseen-categories") and not r.dataset.startswith("bvh")]
    assert {r.metric for r in learned} == {"fpr@tpr95", "fpr@tpr90", "fpr@tpr85", "fpr@tpr80", "fpr@tpr75", "fpr@tpr70", "nmi", "f1"}
    assert all(0 <= r.value <= 1 and "#" in r.split and r.dataset for r in records)
    assert (tmp_path / "mmd_nca" / "bvh").is_dir() and any((tmp_path / "mmd_nca" / "bvh").rglob("*.bvh"))


def test_mmd_of_a_set_with_itself_is_zero_and_grows_with_a_shift():
    x = torch.randn(40, 6) * 0.3
    for kernel in ("rbf", "linear", "poly"):
        values = [float(mmd(x, x + s, kernel=kernel)) for s in (0.0, 0.1, 0.3, 0.6, 1.0)]
        assert abs(values[0]) < 1e-4 and all(b > a for a, b in zip(values, values[1:])), kernel


def test_mmd_nca_loss_decreases_when_positives_move_closer():
    g = torch.Generator().manual_seed(0)
    base = torch.randn(4, 10, 5, generator=g) * 0.2
    base[1:, :, 0] += torch.tensor([2.0, -2.0, 0.0])[:, None]
    base[3, :, 2] += 2.0
    values = []
    for offset in (2.0, 1.0, 0.5, 0.0):
        z = base.clone(); z[0, 5:, 1] += offset
        values.append(float(mmd_nca_loss(z)))
    assert all(b < a for a, b in zip(values, values[1:]))


def test_ln_lstm_matches_a_naive_per_step_implementation():
    torch.manual_seed(0)
    layer = BiLayerNormLSTM(4, 6)
    with torch.no_grad():
        for p in layer.parameters(): p.add_(0.1 * torch.randn_like(p))
    x, lengths = torch.randn(3, 5, 4), torch.tensor([5, 3, 1])
    out = layer(x, lengths)
    for b, n in enumerate(lengths.tolist()):
        for d, cell in enumerate(layer.cells):
            seq = x[b, :n] if d == 0 else x[b, :n].flip(0)
            h, c = torch.zeros(1, 6), torch.zeros(1, 6)
            hs = []
            for t in range(n):                                   # the equations, written out step by step
                gates = F.layer_norm(seq[t:t + 1] @ cell.w_x, (24,), cell.ln_x.weight, cell.ln_x.bias) \
                    + F.layer_norm(h @ cell.w_h, (24,), cell.ln_h.weight, cell.ln_h.bias) + cell.bias
                i, f, g, o = gates.chunk(4, -1)
                c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
                h = torch.sigmoid(o) * torch.tanh(F.layer_norm(c, (6,), cell.ln_c.weight, cell.ln_c.bias))
                hs.append(h[0])
            expected = torch.stack(hs) if d == 0 else torch.stack(hs).flip(0)
            assert torch.allclose(out[b, :n, 6 * d:6 * (d + 1)], expected, atol=1e-5), (b, d)
        assert out[b, n:].abs().max() == 0 if n < 5 else True


def test_attentive_encoder_embedding_does_not_depend_on_padding():
    torch.manual_seed(1)
    for attention in ("softmax", "neg_log_softmax", "mean"):
        enc = AttentiveLSTMEncoder(5, hidden=6, attention_units=7, hops=2, width=12, dim=4, attention=attention)
        enc.train()
        for _ in range(2): enc(torch.randn(6, 9, 5), torch.tensor([9, 8, 7, 3, 2, 9]))   # move the batch-norm statistics
        enc.eval()
        x, lengths = torch.randn(4, 11, 5), torch.tensor([11, 6, 3, 1])
        with torch.no_grad():
            batched = enc(x, lengths)[0]
            for b, n in enumerate(lengths.tolist()):
                assert torch.allclose(batched[b], enc(x[b:b + 1, :n])[0][0], atol=1e-5), (attention, b)


def test_bad_input_is_refused_clearly():
    z = F.normalize(torch.randn(3, 4, 8), dim=-1)
    for name, loss in METRIC_LOSSES.items():
        with pytest.raises(MotionalignError, match="2 classes"): loss(z[:1])
        with pytest.raises(MotionalignError, match="2 samples per class"): loss(z[:, :1])
    with pytest.raises(MotionalignError, match="dim must be >= 2"): AttentiveLSTMEncoder(5, dim=1)
    assert issubclass(MotionalignError, ValueError)


def test_sampler_refuses_short_sequences_small_classes_and_single_classes():
    from motionalign.data.synth import synth_motion
    from motionalign.methods import TrainConfig
    from motionalign.metric_learning import MMDNCAConfig, metric_prepare, metric_sampler
    ms, rng = synth_motion("smoke", dims=3), np.random.default_rng(0)
    cfg = MMDNCAConfig(n_negative=2, window=8, window_step=4, fps=10.0)
    draw = lambda cfg, batch_size=12: metric_sampler(ms, metric_prepare(ms, cfg), rng, cfg, TrainConfig(batch_size=batch_size))
    assert draw(cfg)["x"].shape == (3, 4, 8, 51)
    with pytest.raises(MotionalignError, match="fewer than window=500"): draw(cfg.replace(window=500, short_clips="refuse"))
    with pytest.raises(MotionalignError, match="fewer than n_per_class=20"): draw(cfg, 60)
    with pytest.raises(MotionalignError, match="n_negative=0"): cfg.replace(n_negative=0)
