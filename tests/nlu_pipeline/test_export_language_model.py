"""Saving the ONNX export: a rebuild replaces the old export instead of growing it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import pytest
from onnx import TensorProto, helper, numpy_helper

from nlu_pipeline.export_language_model import main, save, weights_file


def product_graph(weights: np.ndarray) -> onnx.ModelProto:
    """A graph of x @ weights, with one initializer big enough to be stored apart."""
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"])],
        "product",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, weights.shape[0]])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, weights.shape[1]])],
        [numpy_helper.from_array(weights, "w")],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 15)], ir_version=8)


def run(path: Path, x: np.ndarray) -> np.ndarray:
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, {"x": x})[0]


def test_a_rebuild_replaces_the_export_and_its_weights(tmp_path: Path) -> None:
    out = tmp_path / "build" / "language_model.onnx"
    x = np.ones((1, 64), dtype=np.float32)
    first = np.full((64, 64), 0.5, dtype=np.float32)
    second = np.full((64, 64), 2.0, dtype=np.float32)
    save(product_graph(first), out)
    save(product_graph(second), out)
    assert weights_file(out).stat().st_size == second.nbytes  # not appended to the first
    np.testing.assert_allclose(run(out, x), x @ second)
    assert sorted(path.name for path in out.parent.iterdir()) == [
        "language_model.onnx",
        "language_model.onnx.data",
    ]  # no staging folder left behind


def test_without_the_encoders_weights_it_says_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "nowhere"), str(tmp_path / "out.onnx")]) == 2
    assert "run `make install` first" in capsys.readouterr().err
    assert not (tmp_path / "out.onnx").exists()
